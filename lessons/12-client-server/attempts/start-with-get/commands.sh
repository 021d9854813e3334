curl --unix-socket /var/run/docker.sock -H "Content-Type: application/json" -d @via-api.json "http://localhost/v1.50/containers/create?name=via-api"
curl --unix-socket /var/run/docker.sock http://localhost/v1.50/containers/via-api/start
