docker build -t notas notas
docker run --name notas1 notas
