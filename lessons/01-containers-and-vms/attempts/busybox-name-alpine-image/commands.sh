docker run --name kernel-busybox alpine uname -r
