docker run -d --name hog -m 8m busybox sleep 1000
docker kill hog
