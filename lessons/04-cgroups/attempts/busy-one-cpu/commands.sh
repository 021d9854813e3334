docker run -d --name busy --cpus 1 busybox sh -c 'while true; do :; done'
