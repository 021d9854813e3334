docker run -d --name bomb busybox sleep 1000
