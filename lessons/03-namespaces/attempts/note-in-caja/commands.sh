docker run -d --name ns busybox sleep 1000
docker run -d --name ns-caja --hostname caja busybox sleep 1000
docker exec ns-caja touch /tmp/nota.txt
