docker run --name kernel-alpine alpine uname -a
