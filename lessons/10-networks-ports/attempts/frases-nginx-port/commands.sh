docker build -t frases ./frases
docker run -d --name frases -p 5000:80 frases
