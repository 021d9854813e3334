docker build -t blog:multi blog
docker run -d --name blog -p 8088:80 blog:multi
#@ open 8088 /
