docker run -d --name reloj busybox sh -c "while true; do date; sleep 2; done"
docker run --name saludo busybox echo hola
docker run -d --name web -p 8080:80 nginx:alpine
#@ open 8080 /
docker stop web
docker rm web
