docker build -t tienda tienda
docker build -t tienda tienda
