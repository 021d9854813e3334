docker run -d --name busy busybox sh -c 'while true; do :; done'
