docker run -d --name web -p 8080:80 nginx:alpine
#@ open 8080 /
docker stop web
