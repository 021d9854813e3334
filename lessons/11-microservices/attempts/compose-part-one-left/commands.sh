docker network create contador
docker run -d --name db --network contador -v contador-datos:/data redis:7-alpine
#@ sleep 1
docker build -t contador-api ./contador/api
docker run -d --name api --network contador -e REDIS_HOST=db contador-api
docker build -t contador-web ./contador/web
docker run -d --name web --network contador -p 8080:80 contador-web
cd contador
docker compose up -d
#@ check compose
