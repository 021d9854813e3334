docker build -t tienda tienda
docker build --no-cache -t tienda tienda
