docker ps
#@ pause 3
