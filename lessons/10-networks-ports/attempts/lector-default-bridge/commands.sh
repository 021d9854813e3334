docker build -t frases ./frases
docker run -d --name frases -p 5000:3000 frases
docker network create frases-red
docker network connect frases-red frases
docker run --name lector busybox wget -qO- http://frases:3000/
