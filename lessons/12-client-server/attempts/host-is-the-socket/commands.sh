DOCKER_HOST=unix:///var/run/docker.sock docker version
