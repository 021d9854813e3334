# Lesson 03, as a student follows it.
docker run -d --name ns busybox sleep 1000
docker exec ns ps
docker top ns
#@ check pid
docker exec ns hostname
docker ps
docker run -d --name ns-caja --hostname caja busybox sleep 1000
docker exec ns-caja hostname
#@ check hostname
docker exec ns touch /tmp/nota.txt
docker exec ns ls /tmp
docker exec ns-caja ls /tmp
ls /tmp
#@ check filesystem
