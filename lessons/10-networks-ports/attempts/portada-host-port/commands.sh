docker build -t frases ./frases
docker run -d --name frases -p 5000:3000 frases
docker network create frases-red
docker network connect frases-red frases
docker build -t portada ./portada
docker run -d --name portada --network frases-red -p 8070:8080 -e API_URL=http://frases:5000 portada
#@ open 8070 /
