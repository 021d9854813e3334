FROM node:22-alpine
ENV NODE_ENV=production
WORKDIR /app
COPY paquetes.txt .
RUN apk add --no-cache $(cat paquetes.txt)
COPY . .
CMD ["node", "server.js"]
HEALTHCHECK CMD curl -fs http://localhost:3000/ || exit 1
