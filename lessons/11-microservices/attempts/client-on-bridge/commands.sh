docker network create contador
docker run -d --name db --network contador -v contador-datos:/data redis:7-alpine
#@ sleep 1
docker build -t contador-api ./contador/api
docker run -d --name api --network contador -e REDIS_HOST=db contador-api
#@ sleep 1
docker run --rm busybox wget -qO- http://api:3000/api/visitas
#@ check api
