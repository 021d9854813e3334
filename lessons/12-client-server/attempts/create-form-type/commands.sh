curl --unix-socket /var/run/docker.sock -d @via-api.json "http://localhost/v1.50/containers/create?name=via-api"
