docker run -d --name hog busybox sleep 1000
docker kill hog
