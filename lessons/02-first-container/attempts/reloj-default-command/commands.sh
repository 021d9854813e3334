docker run -d --name reloj busybox
docker ps -a
