docker build -t cuenta cuenta
docker run --name cuenta5 cuenta 5
