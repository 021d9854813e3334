cd contador
docker compose up -d
#@ open 8080 /
docker compose logs -f api
#@ expect api escucha en el puerto 3000
#@ key ctrl-c
curl -s localhost:8080/api/visitas
docker compose down -v
docker compose up -d
#@ check down-up
