# Lesson 02, as a student follows it.
docker run -d --name web -p 8080:80 nginx:alpine
docker ps
#@ check run
# The Preview tab opens port 8080.
#@ open 8080 /
docker logs web
#@ check look
docker run -d --name breve busybox
docker ps -a
docker run -d --name reloj busybox sh -c 'while true; do date; sleep 2; done'
docker logs reloj
#@ check one-process
docker run --name saludo busybox echo "Hola desde un contenedor"
docker run --name saludo busybox echo "Hola desde un contenedor"
docker start saludo
docker logs saludo
#@ check names
docker stop web
docker ps -a
docker rm web
docker rm -f reloj
docker rm breve saludo
docker ps -a
#@ check stop-rm
