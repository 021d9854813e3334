docker run -d --name ns busybox sleep 1000
ps
docker top ns
