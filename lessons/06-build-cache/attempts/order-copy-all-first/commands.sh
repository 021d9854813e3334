#@ file tienda/Dockerfile steps/v3.Dockerfile
docker build -t tienda tienda
#@ file tienda/server.js steps/server-v2.js
docker build -t tienda tienda
