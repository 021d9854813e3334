docker build -t registro registro
docker run --name registro1 registro
