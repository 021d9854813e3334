echo "$(date) - $(whoami)" >> registro.txt
cat registro.txt
