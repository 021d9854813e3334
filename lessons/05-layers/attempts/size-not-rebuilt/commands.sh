docker build -t herramientas herramientas
#@ file herramientas/Dockerfile steps/herramientas.Dockerfile
docker images herramientas
