docker build -t version --build-arg VERSION=2.0 version
docker run --rm version
