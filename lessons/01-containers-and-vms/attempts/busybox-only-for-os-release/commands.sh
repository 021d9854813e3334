docker run --rm busybox cat /etc/os-release
