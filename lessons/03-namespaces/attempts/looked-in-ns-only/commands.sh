docker run -d --name ns busybox sleep 1000
docker exec ns touch /tmp/nota.txt
docker exec ns ls /tmp
