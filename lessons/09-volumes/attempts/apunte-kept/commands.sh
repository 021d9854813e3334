docker run --name apunte busybox sh -c 'hostname >> /apunte.txt; cat /apunte.txt'
docker start -a apunte
docker run --rm busybox cat /apunte.txt
