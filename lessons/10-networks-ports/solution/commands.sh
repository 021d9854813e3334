# Lesson 10, as a student follows it.
docker build -t frases ./frases
docker run -d --name frases frases
docker ps
docker port frases
docker rm -f frases
docker run -d --name frases -p 5000:3000 frases
docker port frases
# The Preview tab opens port 5000.
#@ open 5000 /
docker logs frases
#@ check publish
docker run --rm busybox wget -qO- http://frases:3000/
docker network create frases-red
docker network connect frases-red frases
docker run --name lector --network frases-red busybox wget -qO- http://frases:3000/
docker network inspect frases-red
docker logs frases
#@ check by-name
docker build -t portada ./portada
docker run -d --name portada --network frases-red -p 8070:8080 portada
#@ open 8070 /
docker rm -f portada
docker run -d --name portada --network frases-red -p 8070:8080 -e API_URL=http://frases:3000 portada
docker logs portada
# The student presses Reload in the preview.
#@ open 8070 /
#@ check localhost
