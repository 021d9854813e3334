docker run -d --name ns busybox sleep 1000
hostname
