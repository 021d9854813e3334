docker build -t herramientas herramientas
