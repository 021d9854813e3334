#@ file tienda/Dockerfile steps/v4.Dockerfile
#@ file tienda/.dockerignore steps/dockerignore
docker run --rm -v "$PWD/tienda":/app -w /app node:22-alpine npm install dayjs
docker build -t tienda tienda
#@ file tienda/server.js steps/server-v3-dayjs.js
docker build -t tienda tienda
