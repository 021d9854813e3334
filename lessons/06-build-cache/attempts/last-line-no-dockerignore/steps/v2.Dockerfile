FROM node:22-alpine
WORKDIR /app
COPY . .
RUN npm ci
CMD ["node", "server.js"]
HEALTHCHECK CMD wget -qO- http://localhost:3000/ || exit 1
