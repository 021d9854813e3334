docker run -d --name web nginx:alpine
