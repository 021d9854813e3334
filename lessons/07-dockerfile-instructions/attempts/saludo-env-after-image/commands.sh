docker build -t saludo saludo
docker run --name saludo-ana saludo -e NOMBRE=Ana
