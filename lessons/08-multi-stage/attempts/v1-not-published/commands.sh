docker build -t blog:v1 blog
docker run -d --name blog-v1 blog:v1
