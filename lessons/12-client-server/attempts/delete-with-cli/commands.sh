curl --unix-socket /var/run/docker.sock -H "Content-Type: application/json" -d @via-api.json "http://localhost/v1.50/containers/create?name=via-api"
curl -i --unix-socket /var/run/docker.sock -X POST http://localhost/v1.50/containers/via-api/start
curl --unix-socket /var/run/docker.sock -X DELETE http://localhost/v1.50/containers/via-api
docker rm -f via-api
