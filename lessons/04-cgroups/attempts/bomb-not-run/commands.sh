docker run -d --name bomb --pids-limit 20 busybox sleep 1000
docker exec bomb cat /sys/fs/cgroup/pids.max
