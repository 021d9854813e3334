docker volume create visitas
docker run --name visita1 -v visitas:/datos busybox sh -c 'hostname >> /datos/visitas.txt; cat /datos/visitas.txt'
docker run --name visita2 -v visitas:/datos busybox sh -c 'hostname >> /datos/visitas.txt; cat /datos/visitas.txt'
