docker build -t saludo saludo
docker run --name saludo-ana -e NOMBRE=Ana saludo
