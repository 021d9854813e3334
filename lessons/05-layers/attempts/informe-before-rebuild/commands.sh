docker build -t herramientas herramientas
docker build -t informe informe
#@ file herramientas/Dockerfile steps/herramientas.Dockerfile
docker build -t herramientas herramientas
