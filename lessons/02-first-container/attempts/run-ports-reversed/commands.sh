docker run -d --name web -p 80:8080 nginx:alpine
