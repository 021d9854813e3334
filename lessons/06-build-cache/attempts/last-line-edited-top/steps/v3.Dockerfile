FROM node:22-alpine
ENV NODE_ENV=production
WORKDIR /app
COPY . .
RUN apk add --no-cache $(cat paquetes.txt)
CMD ["node", "server.js"]
HEALTHCHECK CMD curl -fs http://localhost:3000/ || exit 1
