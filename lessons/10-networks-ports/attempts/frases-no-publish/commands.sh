docker build -t frases ./frases
docker run -d --name frases frases
docker ps
