# Lesson 11, as a student follows it.
docker network create contador
docker run -d --name db --network contador -v contador-datos:/data redis:7-alpine
# The student reads the text for a moment: redis is up by then.
#@ sleep 1
docker logs db
docker exec db redis-cli ping
docker exec db redis-cli set saludo hola
docker exec db redis-cli get saludo
docker top db
#@ check db
docker build -t contador-api ./contador/api
docker run -d --name api --network contador -e REDIS_HOST=db contador-api
# The student reads on while the API starts; docker logs -f shows when it listens.
docker logs -f api
#@ expect api escucha en el puerto 3000
#@ key ctrl-c
docker logs api
docker run --rm --network contador busybox wget -qO- http://api:3000/api/visitas
docker run --rm --network contador busybox wget -qO- http://api:3000/api/visitas
docker exec db redis-cli get visitas
#@ check api
docker build -t contador-web ./contador/web
docker run -d --name web --network contador -p 8080:80 contador-web
# The Preview tab opens port 8080 (the page then asks for api/visitas).
#@ open 8080 /
curl -s localhost:8080/api/visitas
docker logs web
docker logs api
#@ check web
docker rm -f web api db
docker network rm contador
# The editor now holds contador/compose.yaml (solution/files).
cd contador
docker compose up -d
docker compose ps
#@ open 8080 /
#@ check compose
curl -s localhost:8080/api/visitas
curl -s localhost:8080/api/visitas
docker compose logs api
docker compose exec db redis-cli get visitas
docker compose down
docker volume ls
docker compose up -d
docker compose logs db
docker compose exec db redis-cli get visitas
#@ check down-up
