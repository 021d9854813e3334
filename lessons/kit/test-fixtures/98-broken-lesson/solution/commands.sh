# Creates the wrong container: caja-exists fails.
docker run --name otra busybox true
#@ check uno
#@ check dos
