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
