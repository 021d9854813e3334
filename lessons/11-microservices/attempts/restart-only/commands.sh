cd contador
docker compose up -d
#@ open 8080 /
curl -s localhost:8080/api/visitas
docker compose restart
#@ check down-up
