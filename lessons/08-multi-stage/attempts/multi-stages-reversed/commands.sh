docker build -t blog:multi blog
docker images blog
