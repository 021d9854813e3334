# Lesson 05, as a student follows it.
docker history nginx:alpine
docker image inspect -f '{{len .RootFS.Layers}}' nginx:alpine
#@ check history
docker build -t herramientas herramientas
docker history herramientas
docker image inspect -f '{{len .RootFS.Layers}}' herramientas
#@ check build
docker images herramientas
docker history herramientas
#@ file herramientas/Dockerfile steps/herramientas.Dockerfile
docker build -t herramientas herramientas
docker history herramientas
docker images
#@ check size
docker image inspect -f '{{index .RootFS.Layers 0}}' alpine nginx:alpine node:22-alpine herramientas
docker system df -v
#@ file informe/Dockerfile steps/informe.Dockerfile
docker build -t informe informe
docker run --rm informe
docker image inspect -f '{{len .RootFS.Layers}}' herramientas informe
docker system df -v
#@ check shared
