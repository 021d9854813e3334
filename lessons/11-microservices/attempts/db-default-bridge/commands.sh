docker network create contador
docker run -d --name db -v contador-datos:/data redis:7-alpine
#@ sleep 1
#@ check db
