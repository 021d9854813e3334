# Lesson 06, as a student follows it.
docker build -t tienda tienda
docker build -t tienda tienda
#@ check twice
#@ file tienda/Dockerfile steps/v2.Dockerfile
docker build -t tienda tienda
#@ check last-line
#@ file tienda/Dockerfile steps/v3.Dockerfile
docker build -t tienda tienda
#@ check first-line
#@ file tienda/server.js steps/server-v2.js
docker build -t tienda tienda
#@ file tienda/Dockerfile steps/v4.Dockerfile
docker build -t tienda tienda
#@ file tienda/server.js steps/server-v3.js
docker build -t tienda tienda
docker history tienda
#@ check order
# The optional part: a dependency added by hand breaks npm ci; npm install in a container fixes the lock.
#@ file tienda/package.json steps/package-dayjs.json
docker build -t tienda tienda
docker run --rm -v "$PWD/tienda":/app -w /app node:22-alpine npm install dayjs
ls -l tienda
docker build -t tienda tienda
#@ file tienda/server.js steps/server-v3-dayjs.js
docker build -t tienda tienda
#@ check order
docker run -d --name tienda -p 8066:3000 tienda
# The Preview tab opens port 8066.
#@ open 8066
#@ file tienda/server.js steps/server-v4.js
docker build -t tienda tienda
docker ps
docker rm -f tienda
docker run -d --name tienda -p 8066:3000 tienda
#@ open 8066
#@ check run
