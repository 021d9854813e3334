docker run busybox echo hola
