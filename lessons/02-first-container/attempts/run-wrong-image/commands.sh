docker run -d --name web -p 8080:80 busybox sleep 600
