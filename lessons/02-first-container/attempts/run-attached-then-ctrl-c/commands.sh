docker run --name web -p 8080:80 nginx:alpine
#@ expect start worker process
#@ key ctrl-c
