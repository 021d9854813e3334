# Lesson 09, as a student follows it.
docker run --name apunte busybox sh -c 'hostname >> /apunte.txt; cat /apunte.txt'
docker diff apunte
docker start -a apunte
#@ check writable-layer
docker rm apunte
docker run --rm busybox cat /apunte.txt
docker volume create visitas
docker run --name visita1 -v visitas:/datos busybox sh -c 'hostname >> /datos/visitas.txt; cat /datos/visitas.txt'
docker rm visita1
docker run --name visita2 -v visitas:/datos busybox sh -c 'hostname >> /datos/visitas.txt; cat /datos/visitas.txt'
docker volume ls
docker volume inspect visitas
docker inspect -f '{{json .Mounts}}' visita2
#@ check named-volume
docker run -d --name mi-web -p 8090:80 -v ./mi-web:/usr/share/nginx/html nginx:alpine
docker inspect -f '{{json .Mounts}}' mi-web
# The Preview tab opens port 8090, the student edits the page in the editor and reloads.
#@ open 8090 /
#@ file mi-web/index.html steps/index-v2.html
#@ open 8090 /
#@ check bind-mount
docker run --rm nginx:alpine ls /usr/share/nginx/html
docker exec mi-web ls /usr/share/nginx/html
docker run -d --name web-vol -v contenido:/usr/share/nginx/html nginx:alpine
docker run --rm -v contenido:/contenido busybox ls /contenido
#@ check mount-hides
docker volume rm visitas
docker rm -f mi-web web-vol visita2
docker volume rm visitas contenido
docker volume ls
#@ check cleanup
