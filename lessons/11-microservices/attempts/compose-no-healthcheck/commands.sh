cd contador
docker compose up -d
docker compose ps -a
#@ check compose
