docker run -d --name mi-web -p 8090:80 -v ./mi-web:/usr/share/nginx/html nginx:alpine
#@ open 8090 /
