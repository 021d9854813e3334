docker network create contador
docker run -d --name db --network contador redis:7-alpine
#@ sleep 1
#@ check db
