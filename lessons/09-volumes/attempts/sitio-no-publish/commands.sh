docker run -d --name sitio -v ./sitio:/usr/share/nginx/html nginx:alpine
