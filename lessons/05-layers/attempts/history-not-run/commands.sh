docker images
docker image inspect -f '{{len .RootFS.Layers}}' nginx:alpine
