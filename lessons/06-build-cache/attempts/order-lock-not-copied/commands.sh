#@ file tienda/Dockerfile steps/v4.Dockerfile
docker build -t tienda tienda
