#@ file tienda/Dockerfile steps/v2.Dockerfile
docker build -t tienda tienda
#@ file tienda/Dockerfile steps/env-at-end.Dockerfile
docker build -t tienda tienda
