FROM herramientas
COPY informe.sh /usr/local/bin/informe.sh
CMD ["sh", "/usr/local/bin/informe.sh"]
