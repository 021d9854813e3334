docker run -d --name busy --cpus 0.5 busybox sleep 1000
#@ sleep 1
