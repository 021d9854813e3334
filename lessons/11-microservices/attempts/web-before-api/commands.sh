docker network create contador
docker run -d --name db --network contador -v contador-datos:/data redis:7-alpine
docker build -t contador-web ./contador/web
docker run -d --name web --network contador -p 8080:80 contador-web
# It stops by itself: docker logs -f ends with it.
docker logs -f web
#@ check web
