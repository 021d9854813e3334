docker run -d --name lim busybox sleep 1000
docker exec lim cat /sys/fs/cgroup/memory.max
