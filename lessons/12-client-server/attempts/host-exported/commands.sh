export DOCKER_HOST=tcp://localhost:2375
docker version
docker run --name hola-api busybox echo hola
