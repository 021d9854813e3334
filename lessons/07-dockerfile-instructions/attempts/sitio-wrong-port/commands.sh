docker build -t sitio sitio
docker run -d --name sitio -p 8000:80 sitio
