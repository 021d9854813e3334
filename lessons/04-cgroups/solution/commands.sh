# Lesson 04, as a student follows it.
docker run -d --name lim -m 32m busybox sleep 1000
docker exec lim cat /sys/fs/cgroup/memory.max
docker stats --no-stream lim
#@ check memory
docker run --name hog -m 8m busybox sh -c 'x=a; while true; do x=$x$x; done'
docker inspect -f '{{.State.ExitCode}} {{.State.OOMKilled}}' hog
#@ check oom
docker run -d --name busy --cpus 0.5 busybox sh -c 'while true; do :; done'
# the student watches the cgroups panel for a moment
#@ sleep 2
docker exec busy cat /sys/fs/cgroup/cpu.max
docker exec busy cat /sys/fs/cgroup/cpu.stat
#@ check cpu
docker run -d --name bomb --pids-limit 20 busybox sleep 1000
docker exec bomb cat /sys/fs/cgroup/pids.max
docker exec bomb sh -c 'b() { b | b & }; b'
docker exec bomb cat /sys/fs/cgroup/pids.current
docker ps
#@ check pids
