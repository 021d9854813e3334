// redis:7-alpine — redis 7.4 on alpine 3.21, laid out as docker-library's
// image: a `redis` user (uid 999, gid 1000), tzdata, gosu to step down from
// root, redis built into /usr/local/bin (redis-check-aof, redis-check-rdb
// and redis-sentinel are links to redis-server), /data owned by redis as
// VOLUME and WORKDIR, and an entrypoint that hands /data to redis and runs
// the server as that user. Port 6379, CMD redis-server.
import type { OverlayFs } from '../fs/overlay.ts';
import { installPackages, type ApkPackage } from '../programs/apk/db.ts';
import { BASE_PACKAGES, BASE_WORLD, NGINX_PACKAGES } from '../programs/apk/packages.ts';
import { alpine } from './alpine.ts';
import { binary, link, put, PATH_ENV, type BuiltinImage } from './define.ts';

const REDIS_VERSION = '7.4.2';
const GOSU_VERSION = '1.17';
const DOWNLOAD_URL = `http://download.redis.io/releases/redis-${REDIS_VERSION}.tar.gz`;
const DOWNLOAD_SHA = '4ddebbf09061cbb589011786febdb34f29767dd7f89dbe712d2b68e808af6a1f';

const TZDATA = NGINX_PACKAGES.filter((p) => p.name === 'tzdata');

/** What `apk add --virtual .redis-rundeps` records: the libraries the binaries link (all in the base). */
const RUNDEPS: ApkPackage = {
  name: '.redis-rundeps', version: '20250214.195230', buildTime: 1739562750, description: 'virtual meta package',
  url: '', license: '', depends: ['so:libc.musl-x86_64.so.1', 'so:libcrypto.so.3', 'so:libssl.so.3'], files: [],
};

// The entrypoint takes the same steps as docker-library's for redis 7.4
// (written here in our words): options or a .conf file alone mean
// redis-server; as root, hand what is in /data to redis and re-run as redis
// through gosu; tighten the default umask; exec the command as PID 1.
const ENTRYPOINT = `#!/bin/sh
set -e

# Only options (\`--appendonly yes\`) or a config file given: run them with redis-server.
if [ "\${1#-}" != "$1" ] || [ "\${1%.conf}" != "$1" ]; then
	set -- redis-server "$@"
fi

# Started as root (no --user): give /data's files to redis, then come back here as redis.
if [ "$1" = 'redis-server' -a "$(id -u)" = '0' ]; then
	find . \\! -user redis -exec chown redis '{}' +
	exec gosu redis "$0" "$@"
fi

# Files the server writes stay private unless a umask other than the default was chosen.
um="$(umask)"
if [ "$um" = '0022' ]; then
	umask 0077
fi

exec "$@"
`;

function userLayer(fs: OverlayFs): void {
  fs.writeFileSync('/etc/group', 'redis:x:1000:redis\n', { flag: 'a' });
  fs.writeFileSync('/etc/passwd', 'redis:x:999:1000:Linux User,,,:/home/redis:/sbin/nologin\n', { flag: 'a' });
  fs.writeFileSync('/etc/shadow', 'redis:!:20133:0:99999:7:::\n', { flag: 'a' });
  fs.mkdirSync('/home/redis', { mode: 0o755, uid: 999, gid: 1000 });
}

function redisLayer(fs: OverlayFs): void {
  installPackages(fs, [...BASE_PACKAGES, ...TZDATA], [RUNDEPS], [...BASE_WORLD, 'tzdata', RUNDEPS.name]);
  binary(fs, '/usr/local/bin/redis-server', 'redis-server', 16_213_480);
  binary(fs, '/usr/local/bin/redis-cli', 'redis-cli', 7_034_224);
  binary(fs, '/usr/local/bin/redis-benchmark', 'redis-benchmark', 6_716_568);
  for (const name of ['redis-check-aof', 'redis-check-rdb', 'redis-sentinel']) link(fs, 'redis-server', `/usr/local/bin/${name}`);
}

const B = 'buildkit.dockerfile.v0';

export const redis: BuiltinImage = {
  name: 'redis',
  tags: ['redis:7-alpine', 'redis:7.4-alpine', `redis:${REDIS_VERSION}-alpine`, 'redis:alpine', 'redis:7-alpine3.21',
    'redis:7.4-alpine3.21', `redis:${REDIS_VERSION}-alpine3.21`, 'redis:alpine3.21', 'redis:latest', 'redis:7', 'redis:7.4', `redis:${REDIS_VERSION}`],
  created: Date.UTC(2025, 1, 14, 19, 52, 30),
  base: alpine,
  steps: [
    { createdBy: 'RUN /bin/sh -c set -eux; \taddgroup -S -g 1000 redis; \tadduser -S -G redis -u 999 redis # buildkit', comment: B, layer: userLayer },
    {
      createdBy: 'RUN /bin/sh -c set -eux; \tapk add --no-cache \t\ttzdata \t; # buildkit', comment: B,
      layer: (fs) => { installPackages(fs, BASE_PACKAGES, TZDATA, [...BASE_WORLD, 'tzdata']); },
    },
    { createdBy: `ENV GOSU_VERSION=${GOSU_VERSION}`, comment: B },
    {
      createdBy: 'RUN /bin/sh -c set -eux; \tapk add --no-cache --virtual .gosu-fetch gnupg; \tdpkgArch="$(apk --print-arch | awk -F- \'{ print $NF }\')"; ... \tgosu --version; \tgosu nobody true # buildkit',
      comment: B,
      layer: (fs) => binary(fs, '/usr/local/bin/gosu', 'gosu', 2_285_568),
    },
    { createdBy: `ENV REDIS_VERSION=${REDIS_VERSION}`, comment: B },
    { createdBy: `ENV REDIS_DOWNLOAD_URL=${DOWNLOAD_URL}`, comment: B },
    { createdBy: `ENV REDIS_DOWNLOAD_SHA=${DOWNLOAD_SHA}`, comment: B },
    {
      createdBy: 'RUN /bin/sh -c set -eux; \t\tapk add --no-cache --virtual .build-deps \t\tcoreutils \t\tdpkg-dev dpkg \t\tgcc \t\tlinux-headers \t\tmake \t\tmusl-dev \t\topenssl-dev \t\twget \t; \t\twget -O redis.tar.gz "$REDIS_DOWNLOAD_URL"; ... \tmake -C /usr/src/redis -j "$(nproc)" all; \tmake -C /usr/src/redis install; ... \tredis-cli --version; \tredis-server --version # buildkit',
      comment: B,
      layer: redisLayer,
    },
    {
      createdBy: 'RUN /bin/sh -c mkdir /data && chown redis:redis /data # buildkit', comment: B,
      layer: (fs) => fs.mkdirSync('/data', { mode: 0o755, uid: 999, gid: 1000 }),
    },
    { createdBy: 'VOLUME [/data]', comment: B },
    { createdBy: 'WORKDIR /data', comment: B },
    { createdBy: 'COPY docker-entrypoint.sh /usr/local/bin/ # buildkit', comment: B, layer: (fs) => put(fs, '/usr/local/bin/docker-entrypoint.sh', ENTRYPOINT, 0o755) },
    { createdBy: 'ENTRYPOINT ["docker-entrypoint.sh"]', comment: B },
    { createdBy: 'EXPOSE map[6379/tcp:{}]', comment: B },
    { createdBy: 'CMD ["redis-server"]', comment: B },
  ],
  config: {
    Env: [PATH_ENV, `GOSU_VERSION=${GOSU_VERSION}`, `REDIS_VERSION=${REDIS_VERSION}`, `REDIS_DOWNLOAD_URL=${DOWNLOAD_URL}`, `REDIS_DOWNLOAD_SHA=${DOWNLOAD_SHA}`],
    Entrypoint: ['docker-entrypoint.sh'],
    Cmd: ['redis-server'],
    ExposedPorts: { '6379/tcp': {} },
    Volumes: { '/data': {} },
    WorkingDir: '/data',
  },
};
