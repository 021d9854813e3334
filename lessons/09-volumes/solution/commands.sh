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
docker run -d --name sitio -p 8090:80 -v ./sitio:/usr/share/nginx/html nginx:alpine
docker inspect -f '{{json .Mounts}}' sitio
# The Preview tab opens port 8090, the student edits the page in the editor and reloads.
#@ open 8090 /
#@ file sitio/index.html steps/index-v2.html
#@ open 8090 /
#@ check bind-mount
docker run --rm nginx:alpine ls /usr/share/nginx/html
docker exec sitio ls /usr/share/nginx/html
docker run -d --name sitio-vol -v paginas:/usr/share/nginx/html nginx:alpine
docker run --rm -v paginas:/paginas busybox ls /paginas
#@ check mount-hides
docker volume rm visitas
docker rm -f sitio sitio-vol visita2
docker volume rm visitas paginas
docker volume ls
#@ check cleanup
