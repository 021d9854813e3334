FROM busybox
ENTRYPOINT ["seq"]
CMD ["3"]
