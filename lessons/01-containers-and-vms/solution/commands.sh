# Lesson 01, as a student follows it.
docker version
#@ check engines
docker run --name kernel-alpine alpine uname -r
docker run --name kernel-busybox busybox uname -r
docker info --format '{{.KernelVersion}}'
#@ check kernel
docker run --name os-alpine alpine cat /etc/os-release
cat /etc/os-release
docker run --rm busybox cat /etc/os-release
#@ check userland
