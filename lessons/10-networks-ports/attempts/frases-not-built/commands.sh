docker run -d --name frases -p 5000:3000 frases
