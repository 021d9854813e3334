docker volume create visitas
docker run --name visita1 -v /datos busybox sh -c 'hostname >> /datos/visitas.txt; cat /datos/visitas.txt'
docker rm visita1
docker run --name visita2 -v /datos busybox sh -c 'hostname >> /datos/visitas.txt; cat /datos/visitas.txt'
