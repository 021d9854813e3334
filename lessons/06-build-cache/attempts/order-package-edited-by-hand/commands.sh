#@ file tienda/Dockerfile steps/v4.Dockerfile
docker build -t tienda tienda
#@ file tienda/package.json steps/package-dayjs.json
docker build -t tienda tienda
