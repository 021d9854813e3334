# Lesson 08, as a student follows it.
docker build -t blog:v1 blog
docker images blog
docker history blog:v1
docker run -d --name blog-v1 -p 8081:8080 blog:v1
#@ open 8081 /
wget -qO- localhost:8081
#@ check single
#@ file blog/Dockerfile steps/rm.Dockerfile
docker build -t blog:rm blog
docker images blog
docker history blog:rm
docker run --rm blog:rm
#@ check rm-later
#@ file blog/Dockerfile steps/multi.Dockerfile
docker build -t blog:multi blog
docker images blog
docker history blog:multi
docker image inspect -f '{{len .RootFS.Layers}} {{.Size}}' blog:v1 blog:multi nginx:alpine
docker run -d --name blog -p 8088:80 blog:multi
#@ open 8088 /
wget -qO- localhost:8088/01-hola.html
docker exec blog ls /usr/share/nginx/html
docker exec blog node --version
docker build -t blog:build --target build blog
docker run --rm blog:build ls dist
#@ check multi
