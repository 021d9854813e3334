docker build -t blog:v1 blog
#@ file blog/Dockerfile multi.Dockerfile
docker build -t blog:multi blog
docker run -d --name blog -p 8088:80 blog:v1
