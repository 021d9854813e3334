docker build -t blog:v1 blog
docker run -d --name blog-v1 -p 8081:80 blog:v1
