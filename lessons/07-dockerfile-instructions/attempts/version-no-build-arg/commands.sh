docker build -t version version
docker run --name version2 version
