FROM busybox
WORKDIR /app
COPY notas.sh .
CMD ["sh", "notas.sh"]
