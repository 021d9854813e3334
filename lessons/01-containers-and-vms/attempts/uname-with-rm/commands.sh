docker run --rm alpine uname -r
