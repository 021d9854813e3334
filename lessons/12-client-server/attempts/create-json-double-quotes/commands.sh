curl --unix-socket /var/run/docker.sock -H "Content-Type: application/json" -d "{"Image":"busybox","Cmd":["sleep","600"]}" "http://localhost/v1.50/containers/create?name=via-api"
