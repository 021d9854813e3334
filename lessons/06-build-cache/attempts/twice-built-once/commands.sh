docker build -t tienda tienda
