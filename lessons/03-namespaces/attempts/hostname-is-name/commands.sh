docker run -d --name ns-caja --hostname ns-caja busybox sleep 1000
