FROM node:22-alpine
WORKDIR /app
COPY . .
RUN node build.js
RUN rm -rf /usr/local/bin/node /usr/local/lib/node_modules
EXPOSE 8080
CMD ["node", "server.js"]
