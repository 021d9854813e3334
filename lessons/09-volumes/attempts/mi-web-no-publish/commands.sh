docker run -d --name mi-web -v ./mi-web:/usr/share/nginx/html nginx:alpine
