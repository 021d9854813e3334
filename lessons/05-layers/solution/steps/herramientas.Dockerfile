FROM alpine
RUN apk add --no-cache curl \
    && mkdir /informes \
    && echo "Informe de prueba" > /informes/leeme.txt
CMD ["curl", "--version"]
