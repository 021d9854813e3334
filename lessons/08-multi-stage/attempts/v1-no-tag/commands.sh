docker build -t blog blog
docker run -d --name blog-v1 -p 8081:8080 blog
