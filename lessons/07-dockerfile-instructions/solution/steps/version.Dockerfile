FROM busybox
ARG VERSION=1.0
ENV VERSION=$VERSION
RUN echo "$VERSION" > /version.txt
CMD echo "version.txt: $(cat /version.txt) - VERSION: $VERSION"
