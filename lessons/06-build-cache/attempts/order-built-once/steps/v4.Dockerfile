FROM node:22-alpine
ENV NODE_ENV=production
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
CMD ["node", "server.js"]
HEALTHCHECK CMD wget -qO- http://localhost:3000/ || exit 1
