docker run --name saludo busybox echo "Hola desde un contenedor"
docker run busybox echo "Hola desde un contenedor"
docker ps -a
