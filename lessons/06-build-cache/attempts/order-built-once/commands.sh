#@ file tienda/Dockerfile steps/v3.Dockerfile
docker build -t tienda tienda
#@ file tienda/Dockerfile steps/v4.Dockerfile
docker build -t tienda tienda
