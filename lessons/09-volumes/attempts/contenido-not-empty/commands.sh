docker run --rm -v contenido:/contenido busybox touch /contenido/nota.txt
docker run -d --name web-vol -v contenido:/usr/share/nginx/html nginx:alpine
docker run --rm -v contenido:/contenido busybox ls /contenido
