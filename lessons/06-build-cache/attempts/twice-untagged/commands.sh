docker build tienda
docker build tienda
