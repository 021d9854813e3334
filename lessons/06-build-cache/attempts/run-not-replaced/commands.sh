#@ file tienda/Dockerfile steps/v4.Dockerfile
docker build -t tienda tienda
docker run -d --name tienda -p 8066:3000 tienda
#@ file tienda/server.js steps/server-v4.js
docker build -t tienda tienda
