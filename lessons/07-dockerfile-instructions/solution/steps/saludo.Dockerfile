FROM busybox
ENV NOMBRE=mundo
CMD echo "Hola, $NOMBRE"
