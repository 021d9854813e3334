docker run -d --name web -p 8080:80 nginx:alpine
docker logs web
