docker run --name apunte busybox sh -c 'hostname >> /apunte.txt; cat /apunte.txt'
docker diff apunte
docker run --name apunte busybox sh -c 'hostname >> /apunte.txt; cat /apunte.txt'
