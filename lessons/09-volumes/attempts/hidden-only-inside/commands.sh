docker run -d --name sitio -p 8090:80 -v ./sitio:/usr/share/nginx/html nginx:alpine
docker exec sitio ls /usr/share/nginx/html
