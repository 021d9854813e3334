docker build -t sitio sitio
docker run -d --name sitio sitio
wget -qO- localhost:8000
