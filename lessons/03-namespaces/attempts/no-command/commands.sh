docker run -d --name ns busybox
