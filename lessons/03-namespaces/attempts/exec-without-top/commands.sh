docker run -d --name ns busybox sleep 1000
docker exec ns ps
