docker run --name visita2 -v visitas:/datos busybox sh -c 'hostname >> /datos/visitas.txt; cat /datos/visitas.txt'
docker run -d --name sitio -p 8090:80 -v ./sitio:/usr/share/nginx/html nginx:alpine
docker run -d --name sitio-vol -v paginas:/usr/share/nginx/html nginx:alpine
docker volume rm visitas paginas
