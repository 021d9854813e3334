docker build herramientas
