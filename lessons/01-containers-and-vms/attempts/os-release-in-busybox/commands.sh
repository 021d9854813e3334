docker run --name os-alpine busybox cat /etc/os-release
