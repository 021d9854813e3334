docker build -t saludo saludo
docker run --name saludo-ana -e NOMBRE=Ana saludo
#@ file saludo/Dockerfile shell.Dockerfile
docker build -t saludo saludo
docker start -a saludo-ana
