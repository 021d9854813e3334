docker create --name via-api --label client=curl busybox sleep 600
