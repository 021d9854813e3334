#@ file tienda/Dockerfile steps/v2.Dockerfile
docker build -t tienda tienda
docker build -t tienda tienda
