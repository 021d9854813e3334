# Lesson 12, as a student follows it.
docker version
ls -l /var/run/docker.sock
id
DOCKER_HOST=tcp://localhost:2375 docker version
#@ check two-programs
docker ps
docker run --name hola-api busybox echo hola
#@ check traffic
curl --unix-socket /var/run/docker.sock http://localhost/version
curl --unix-socket /var/run/docker.sock http://localhost/v1.50/containers/json
curl --unix-socket /var/run/docker.sock "http://localhost/v1.50/containers/json?all=1"
#@ check curl-get
# the student saves via-api.json from the lesson (solution/files/via-api.json)
curl --unix-socket /var/run/docker.sock -H "Content-Type: application/json" -d @via-api.json "http://localhost/v1.50/containers/create?name=via-api"
docker ps -a --filter name=via-api
#@ check create
curl -i --unix-socket /var/run/docker.sock -X POST http://localhost/v1.50/containers/via-api/start
docker ps --filter name=via-api
#@ check start
curl --unix-socket /var/run/docker.sock -X DELETE http://localhost/v1.50/containers/via-api
curl -i --unix-socket /var/run/docker.sock -X DELETE "http://localhost/v1.50/containers/via-api?force=1"
docker ps -a --filter name=via-api
#@ check remove
