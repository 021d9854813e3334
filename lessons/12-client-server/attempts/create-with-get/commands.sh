curl --unix-socket /var/run/docker.sock "http://localhost/v1.50/containers/create?name=via-api"
