#@ file blog/Dockerfile rm.Dockerfile
docker build -t blog:rm blog
docker images blog
