docker build -t frases ./frases
docker run -d --name frases -p 5000:3000 frases
docker network create frases-red
docker run --name lector --network frases-red busybox wget -qO- http://frases:3000/
