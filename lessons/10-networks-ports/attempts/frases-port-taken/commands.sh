docker run -d --name otro -p 5000:80 nginx:alpine
docker build -t frases ./frases
docker run -d --name frases -p 5000:3000 frases
