curl --unix-socket /var/run/docker.sock -H "Content-Type: application/json" -d @via-api.json "http://localhost/v1.50/containers/create?name=via-api"
docker start via-api
