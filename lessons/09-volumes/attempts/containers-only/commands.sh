docker run --name visita2 -v visitas:/datos busybox sh -c 'hostname >> /datos/visitas.txt; cat /datos/visitas.txt'
docker run -d --name mi-web -p 8090:80 -v ./mi-web:/usr/share/nginx/html nginx:alpine
docker run -d --name web-vol -v contenido:/usr/share/nginx/html nginx:alpine
docker rm -f mi-web web-vol visita2
docker volume ls
