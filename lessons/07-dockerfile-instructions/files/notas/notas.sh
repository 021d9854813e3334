echo "pwd: $(pwd)"
ls
