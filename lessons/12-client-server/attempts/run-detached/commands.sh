docker run -d --name hola-api busybox echo hola
