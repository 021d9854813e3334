docker history busybox
