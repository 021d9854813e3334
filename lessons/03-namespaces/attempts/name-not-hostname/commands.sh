docker run -d --name ns-caja busybox sleep 1000
docker exec ns-caja hostname
