docker build -t frases ./frases
docker run -d --name frases -p 3000:5000 frases
