ls -l /var/run/docker.sock
id
