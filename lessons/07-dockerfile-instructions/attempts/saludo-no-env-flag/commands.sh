docker build -t saludo saludo
docker run --name saludo-ana saludo
