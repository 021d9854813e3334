docker build -t cuenta cuenta
#@ file cuenta/Dockerfile entrypoint.Dockerfile
docker run --rm cuenta
