cd contador
docker compose up -d
#@ check compose
