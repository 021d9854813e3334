docker build -t blog:multi blog
docker run -d --name blog -p 8088:8080 blog:multi
