docker run -d --name lim -m 64m busybox sleep 1000
