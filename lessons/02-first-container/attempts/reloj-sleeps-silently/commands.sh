docker run -d --name reloj busybox sleep 3600
docker logs reloj
