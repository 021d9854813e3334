# Lesson 07, as a student follows it.
docker build -t cuenta cuenta
docker run --rm cuenta
docker run --rm cuenta 5
docker run --rm cuenta seq 5
#@ file cuenta/Dockerfile steps/cuenta.Dockerfile
docker build -t cuenta cuenta
docker run --rm cuenta
docker run --name cuenta5 cuenta 5
docker inspect -f '{{.Path}} {{.Args}}' cuenta5
docker run --rm --entrypoint echo cuenta hola
#@ check entrypoint
docker build -t saludo saludo
docker run --rm saludo
docker run --rm saludo printenv NOMBRE
#@ file saludo/Dockerfile steps/saludo.Dockerfile
docker build -t saludo saludo
docker run --rm saludo
docker run --name saludo-ana -e NOMBRE=Ana saludo
docker image inspect -f '{{json .Config.Cmd}}' saludo
#@ check forms
docker build -t version --build-arg VERSION=2.0 version
docker run --rm version
#@ file version/Dockerfile steps/version.Dockerfile
docker build -t version --build-arg VERSION=2.0 version
docker run --name version2 version
docker image inspect -f '{{json .Config.Env}}' version
docker history version
#@ check args
docker build -t notas notas
docker run --rm notas
#@ file notas/Dockerfile steps/notas.Dockerfile
docker build -t notas notas
docker run --name notas1 notas
docker image inspect -f '{{.Config.WorkingDir}}' notas
#@ check workdir
docker build -t registro registro
docker run --rm registro
docker run --rm registro ls -ld /app
#@ file registro/Dockerfile steps/registro.Dockerfile
docker build -t registro registro
docker run --name registro1 registro
docker run --rm registro ls -ld /app
#@ check user
docker build -t sitio sitio
docker run -d --name sitio sitio
docker ps
wget -qO- localhost:8000
docker rm -f sitio
docker run -d --name sitio -p 8000:8000 sitio
#@ open 8000 /
docker ps
wget -qO- localhost:8000
docker run -d -P --name sitio-p sitio
docker port sitio-p
#@ check expose
