docker run -d --name sitio -p 8090:80 -v "$(pwd)":/usr/share/nginx/html nginx:alpine
#@ open 8090 /
