docker run -d --name ns busybox sleep 1000
touch /tmp/nota.txt
ls /tmp
