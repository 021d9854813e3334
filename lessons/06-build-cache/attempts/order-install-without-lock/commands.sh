#@ file tienda/Dockerfile steps/v4.Dockerfile
docker build -t tienda tienda
#@ file tienda/server.js steps/server-v3.js
docker build -t tienda tienda
