docker run -d --name sitio -p 8090:80 -v ./sitio:/usr/share/nginx/html nginx:alpine
#@ open 8090 /
#@ file sitio/index.html index-v2.html
