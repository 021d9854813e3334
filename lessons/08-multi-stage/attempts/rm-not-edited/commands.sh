docker build -t blog:v1 blog
docker build -t blog:rm blog
docker images blog
