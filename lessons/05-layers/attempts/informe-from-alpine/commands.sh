docker build -t herramientas herramientas
docker build -t informe informe
