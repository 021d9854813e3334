// nginx:alpine — nginx 1.27 with njs on alpine 3.21, as docker-nginx builds
// it: an `nginx` user, nginx.org's packages, logs linked to the container's
// stdout/stderr, the entrypoint scripts, port 80, SIGQUIT to stop.
import type { OverlayFs } from '../fs/overlay.ts';
import { installPackages } from '../programs/apk/db.ts';
import { BASE_PACKAGES, BASE_WORLD, NGINX_PACKAGES, NGINX_SERVER_PACKAGE_NAMES } from '../programs/apk/packages.ts';
import { alpine } from './alpine.ts';
import { link, put, PATH_ENV, type BuiltinImage } from './define.ts';
import * as scripts from './nginx-scripts.ts';

const NGINX_VERSION = '1.27.4';
const server = NGINX_PACKAGES.filter((p) => NGINX_SERVER_PACKAGE_NAMES.includes(p.name));
const extras = NGINX_PACKAGES.filter((p) => !NGINX_SERVER_PACKAGE_NAMES.includes(p.name));

function serverLayer(fs: OverlayFs): void {
  fs.writeFileSync('/etc/passwd', 'nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\n', { flag: 'a' });
  fs.writeFileSync('/etc/group', 'nginx:x:101:nginx\n', { flag: 'a' });
  fs.writeFileSync('/etc/shadow', 'nginx:!:20133:0:99999:7:::\n', { flag: 'a' });
  installPackages(fs, BASE_PACKAGES, server, [...BASE_WORLD, 'nginx=1.27.4-r1']);
  link(fs, '/dev/stdout', '/var/log/nginx/access.log');
  link(fs, '/dev/stderr', '/var/log/nginx/error.log');
  fs.mkdirSync('/docker-entrypoint.d');
}

const copy = (path: string, content: string) => (fs: OverlayFs) => put(fs, path, content, 0o775);

export const nginx: BuiltinImage = {
  name: 'nginx',
  tags: ['nginx:alpine', `nginx:${NGINX_VERSION}-alpine`, 'nginx:1.27-alpine', 'nginx:mainline-alpine', 'nginx:alpine3.21',
    'nginx:latest', 'nginx:1.27', `nginx:${NGINX_VERSION}`, 'nginx:mainline'],
  created: Date.UTC(2025, 1, 14, 20, 41, 7),
  base: alpine,
  steps: [
    { createdBy: 'LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>', comment: 'buildkit.dockerfile.v0' },
    { createdBy: `ENV NGINX_VERSION=${NGINX_VERSION}`, comment: 'buildkit.dockerfile.v0' },
    { createdBy: 'ENV PKG_RELEASE=1', comment: 'buildkit.dockerfile.v0' },
    { createdBy: 'ENV DYNPKG_RELEASE=1', comment: 'buildkit.dockerfile.v0' },
    {
      createdBy: 'RUN /bin/sh -c set -x     && addgroup -g 101 -S nginx     && adduser -S -D -H -u 101 -h /var/cache/nginx -s /sbin/nologin -G nginx -g nginx nginx     && apkArch="$(cat /etc/apk/arch)"     && nginxPackages="         nginx=${NGINX_VERSION}-r${PKG_RELEASE}     " ... # buildkit',
      comment: 'buildkit.dockerfile.v0',
      layer: serverLayer,
    },
    { createdBy: 'COPY docker-entrypoint.sh / # buildkit', comment: 'buildkit.dockerfile.v0', layer: copy('/docker-entrypoint.sh', scripts.DOCKER_ENTRYPOINT) },
    { createdBy: 'COPY 10-listen-on-ipv6-by-default.sh /docker-entrypoint.d # buildkit', comment: 'buildkit.dockerfile.v0', layer: copy('/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh', scripts.LISTEN_ON_IPV6) },
    { createdBy: 'COPY 15-local-resolvers.envsh /docker-entrypoint.d # buildkit', comment: 'buildkit.dockerfile.v0', layer: copy('/docker-entrypoint.d/15-local-resolvers.envsh', scripts.LOCAL_RESOLVERS) },
    { createdBy: 'COPY 20-envsubst-on-templates.sh /docker-entrypoint.d # buildkit', comment: 'buildkit.dockerfile.v0', layer: copy('/docker-entrypoint.d/20-envsubst-on-templates.sh', scripts.ENVSUBST_ON_TEMPLATES) },
    { createdBy: 'COPY 30-tune-worker-processes.sh /docker-entrypoint.d # buildkit', comment: 'buildkit.dockerfile.v0', layer: copy('/docker-entrypoint.d/30-tune-worker-processes.sh', scripts.TUNE_WORKER_PROCESSES) },
    { createdBy: 'ENTRYPOINT ["/docker-entrypoint.sh"]', comment: 'buildkit.dockerfile.v0' },
    { createdBy: 'EXPOSE map[80/tcp:{}]', comment: 'buildkit.dockerfile.v0' },
    { createdBy: 'STOPSIGNAL SIGQUIT', comment: 'buildkit.dockerfile.v0' },
    { createdBy: 'CMD ["nginx" "-g" "daemon off;"]', comment: 'buildkit.dockerfile.v0' },
    { createdBy: 'ENV NJS_VERSION=0.8.9', comment: 'buildkit.dockerfile.v0' },
    { createdBy: 'ENV NJS_RELEASE=1', comment: 'buildkit.dockerfile.v0' },
    {
      createdBy: 'RUN /bin/sh -c set -x     && apkArch="$(cat /etc/apk/arch)"     && nginxPackages="         nginx=${NGINX_VERSION}-r${PKG_RELEASE}         nginx-module-xslt=${NGINX_VERSION}-r${DYNPKG_RELEASE} ..." ... # buildkit',
      comment: 'buildkit.dockerfile.v0',
      layer: (fs) => { installPackages(fs, [...BASE_PACKAGES, ...server], extras, [...BASE_WORLD, 'nginx=1.27.4-r1', 'curl', 'tzdata', 'gettext-envsubst', 'nginx-module-njs=1.27.4.0.8.9-r1']); },
    },
  ],
  config: {
    Env: [PATH_ENV, `NGINX_VERSION=${NGINX_VERSION}`, 'PKG_RELEASE=1', 'DYNPKG_RELEASE=1', 'NJS_VERSION=0.8.9', 'NJS_RELEASE=1'],
    Entrypoint: ['/docker-entrypoint.sh'],
    Cmd: ['nginx', '-g', 'daemon off;'],
    ExposedPorts: { '80/tcp': {} },
    Labels: { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' },
    StopSignal: 'SIGQUIT',
  },
};
