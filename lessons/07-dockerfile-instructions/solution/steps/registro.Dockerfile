FROM busybox
WORKDIR /app
COPY registro.sh .
RUN chown nobody /app
USER nobody
CMD ["sh", "registro.sh"]
