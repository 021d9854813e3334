docker run --name saludo busybox echo "Hola desde un contenedor"
docker run --name saludo busybox echo "Hola desde un contenedor"
docker logs saludo
