docker create --name hola-api busybox echo hola
