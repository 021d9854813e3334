docker network create contador
docker run -d --name db --network contador -v contador-datos:/data redis:7-alpine
#@ sleep 1
docker build -t contador-api ./contador/api
docker run -d --name api -e REDIS_HOST=db contador-api
# It stops by itself: docker logs -f ends with it.
docker logs -f api
#@ check api
