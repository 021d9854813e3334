docker run --rm -v paginas:/paginas busybox touch /paginas/nota.txt
docker run -d --name sitio-vol -v paginas:/usr/share/nginx/html nginx:alpine
docker run --rm -v paginas:/paginas busybox ls /paginas
