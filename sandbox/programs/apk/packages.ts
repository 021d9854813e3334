// The Alpine 3.21 packages of the built-in images, with their files and
// sizes modelled on the real packages (x86_64). The alpine image installs
// BASE_PACKAGES; node and nginx add theirs on top, as their Dockerfiles do.
import type { ApkPackage } from './db.ts';
import * as text from './texts.ts';

const T = 1739900000; // build time of the 3.21.3 packages (Feb 2025)

export const ALPINE_VERSION = '3.21.3';

export const BASE_PACKAGES: ApkPackage[] = [
  {
    name: 'alpine-baselayout-data', version: '3.6.8-r1', origin: 'alpine-baselayout', buildTime: T,
    description: 'Alpine base dir structure and init scripts', url: 'https://git.alpinelinux.org/cgit/aports/tree/main/alpine-baselayout', license: 'GPL-2.0-only',
    files: [
      { path: 'etc/fstab', text: '/dev/cdrom\t/media/cdrom\tiso9660\tnoauto,ro 0 0\n/dev/usbdisk\t/media/usb\tvfat\tnoauto,ro 0 0\n' },
      { path: 'etc/group', text: text.GROUP },
      { path: 'etc/hostname', text: 'localhost\n' },
      { path: 'etc/hosts', text: '127.0.0.1\tlocalhost localhost.localdomain\n::1\t\tlocalhost localhost.localdomain\n' },
      { path: 'etc/inittab', text: text.INITTAB },
      { path: 'etc/modules', text: 'af_packet\nipv6\n' },
      { path: 'etc/mtab', link: '../proc/mounts' },
      { path: 'etc/nsswitch.conf', text: '# musl itself does not support NSS\nhosts: files dns\npasswd: files\ngroup: files\n' },
      { path: 'etc/passwd', text: text.PASSWD },
      { path: 'etc/profile', text: text.PROFILE },
      { path: 'etc/protocols', size: 3164 },
      { path: 'etc/services', size: 12813 },
      { path: 'etc/shadow', text: text.SHADOW, mode: 0o640 },
      { path: 'etc/shells', text: '# valid login shells\n/bin/sh\n/bin/ash\n' },
      { path: 'etc/sysctl.conf', text: '# content of this file will override /etc/sysctl.d/*\n' },
    ],
  },
  {
    name: 'alpine-baselayout', version: '3.6.8-r1', buildTime: T, depends: ['alpine-baselayout-data=3.6.8-r1', '/bin/sh'],
    description: 'Alpine base dir structure and init scripts', url: 'https://git.alpinelinux.org/cgit/aports/tree/main/alpine-baselayout', license: 'GPL-2.0-only',
    files: [
      { path: 'etc/crontabs/root', text: text.CRONTAB, mode: 0o600 },
      { path: 'etc/motd', text: text.MOTD },
      { path: 'etc/profile.d/20locale.sh', text: 'export CHARSET=${CHARSET:-UTF-8}\nexport LANG=${LANG:-C.UTF-8}\nexport LC_COLLATE=${LC_COLLATE:-C}\n' },
      { path: 'etc/profile.d/README', text: 'This directory contains shell scripts sourced by /etc/profile.\n' },
      { path: 'etc/profile.d/color_prompt.sh.disabled', size: 397 },
      { path: 'var/run', link: '/run' },
      { path: 'var/spool/cron/crontabs', link: '/etc/crontabs' },
      { path: 'var/spool/mail', link: '/var/mail' },
    ],
  },
  {
    name: 'alpine-keys', version: '2.5-r0', buildTime: T, description: 'Public keys for Alpine Linux packages',
    url: 'https://alpinelinux.org', license: 'MIT',
    files: [
      'alpine-devel@lists.alpinelinux.org-4a6a0840.rsa.pub', 'alpine-devel@lists.alpinelinux.org-5243ef4b.rsa.pub',
      'alpine-devel@lists.alpinelinux.org-5261cecb.rsa.pub', 'alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub',
      'alpine-devel@lists.alpinelinux.org-61666e3f.rsa.pub',
    ].map((k) => ({ path: `etc/apk/keys/${k}`, size: k.includes('6165') || k.includes('6166') ? 800 : 451 })),
  },
  {
    name: 'alpine-release', version: '3.21.3-r0', origin: 'alpine-base', buildTime: T, description: 'Alpine release data',
    url: 'https://alpinelinux.org', license: 'MIT', depends: ['alpine-keys'],
    files: [
      { path: 'etc/alpine-release', text: `${ALPINE_VERSION}\n` },
      { path: 'etc/issue', text: 'Welcome to Alpine Linux 3.21\nKernel \\r on an \\m (\\l)\n\n' },
      { path: 'etc/os-release', link: '../usr/lib/os-release' },
      { path: 'etc/secfixes.d/alpine', text: 'secfixes:\n  3.12.1-r0:\n    - CVE-2019-5021\n' },
      { path: 'usr/lib/os-release', text: text.OS_RELEASE },
    ],
  },
  {
    name: 'musl', version: '1.2.5-r9', buildTime: T, description: 'the musl c library (libc) implementation',
    url: 'https://musl.libc.org/', license: 'MIT', provides: ['so:libc.musl-x86_64.so.1=1'],
    files: [
      { path: 'lib/ld-musl-x86_64.so.1', size: 666_624, mode: 0o755 },
      { path: 'lib/libc.musl-x86_64.so.1', link: 'ld-musl-x86_64.so.1' },
    ],
  },
  {
    name: 'busybox', version: '1.37.0-r12', buildTime: T, description: 'Size optimized toolbox of many common UNIX utilities',
    url: 'https://busybox.net/', license: 'GPL-2.0-only', depends: ['so:libc.musl-x86_64.so.1'],
    provides: ['/bin/sh', 'cmd:busybox=1.37.0-r12'],
    files: [
      { path: 'bin/busybox', program: 'busybox', size: 808_712 },
      { path: 'etc/busybox-paths.d/busybox', size: 3012 },
      { path: 'etc/logrotate.d/acpid', text: '/var/log/acpid.log {\n\tmissingok\n\tnotifempty\n}\n' },
      { path: 'etc/network/if-up.d/dad', size: 775, mode: 0o775 },
      { path: 'etc/securetty', text: 'console\ntty1\ntty2\ntty3\ntty4\ntty5\ntty6\n' },
      { path: 'etc/udhcpc/udhcpc.conf', size: 151 },
      { path: 'usr/share/udhcpc/default.script', size: 3944, mode: 0o755 },
    ],
  },
  {
    name: 'busybox-binsh', version: '1.37.0-r12', origin: 'busybox', buildTime: T, description: 'busybox ash /bin/sh',
    url: 'https://busybox.net/', license: 'GPL-2.0-only', depends: ['busybox=1.37.0-r12'], provides: ['/bin/sh', 'cmd:sh=1.37.0-r12'],
    files: [{ path: 'bin/sh', link: '/bin/busybox' }],
  },
  {
    name: 'ca-certificates-bundle', version: '20241121-r1', origin: 'ca-certificates', buildTime: T,
    description: 'Pre generated bundle of Mozilla certificates', url: 'https://www.mozilla.org/en-US/about/governance/policies/security-group/certs/',
    license: 'MPL-2.0 AND MIT', provides: ['ca-certificates-cacert=20241121-r1'],
    files: [
      { path: 'etc/ssl/cert.pem', link: 'certs/ca-certificates.crt' },
      { path: 'etc/ssl/certs/ca-certificates.crt', size: 217_234 },
      { path: 'etc/ssl1.1/cert.pem', link: '/etc/ssl/cert.pem' },
      { path: 'etc/ssl1.1/certs', link: '/etc/ssl/certs' },
    ],
  },
  {
    name: 'libcrypto3', version: '3.3.3-r0', origin: 'openssl', buildTime: T, description: 'Crypto library from openssl',
    url: 'https://www.openssl.org/', license: 'Apache-2.0', depends: ['so:libc.musl-x86_64.so.1'], provides: ['so:libcrypto.so.3=3'],
    files: [
      { path: 'etc/ssl/ct_log_list.cnf', size: 412 },
      { path: 'etc/ssl/ct_log_list.cnf.dist', size: 412 },
      { path: 'etc/ssl/openssl.cnf', size: 12_411 },
      { path: 'etc/ssl/openssl.cnf.dist', size: 12_411 },
      { path: 'usr/lib/engines-3/afalg.so', size: 14_328, mode: 0o755 },
      { path: 'usr/lib/engines-3/capi.so', size: 14_328, mode: 0o755 },
      { path: 'usr/lib/engines-3/loader_attic.so', size: 63_720, mode: 0o755 },
      { path: 'usr/lib/engines-3/padlock.so', size: 14_328, mode: 0o755 },
      { path: 'usr/lib/libcrypto.so.3', size: 4_583_336, mode: 0o755 },
      { path: 'usr/lib/ossl-modules/legacy.so', size: 120_464, mode: 0o755 },
    ],
  },
  {
    name: 'libssl3', version: '3.3.3-r0', origin: 'openssl', buildTime: T, description: 'SSL shared libraries',
    url: 'https://www.openssl.org/', license: 'Apache-2.0', depends: ['so:libcrypto.so.3', 'so:libc.musl-x86_64.so.1'], provides: ['so:libssl.so.3=3'],
    files: [{ path: 'usr/lib/libssl.so.3', size: 696_744, mode: 0o755 }],
  },
  {
    name: 'apk-tools', version: '2.14.6-r3', buildTime: T, description: 'Alpine Package Keeper - package manager for alpine',
    url: 'https://gitlab.alpinelinux.org/alpine/apk-tools', license: 'GPL-2.0-only',
    depends: ['musl>=1.2.3_git20230424', 'ca-certificates-bundle', 'so:libcrypto.so.3', 'so:libssl.so.3', 'so:libz.so.1'],
    provides: ['so:libapk.so.2.14.0=2.14.0', 'cmd:apk=2.14.6-r3'],
    files: [
      { path: 'etc/apk/arch', text: 'x86_64\n' },
      { path: 'etc/apk/repositories', text: 'https://dl-cdn.alpinelinux.org/alpine/v3.21/main\nhttps://dl-cdn.alpinelinux.org/alpine/v3.21/community\n' },
      { path: 'lib/libapk.so.2.14.0', size: 210_688, mode: 0o755 },
      { path: 'sbin/apk', program: 'apk', size: 67_824 },
    ],
  },
  {
    name: 'zlib', version: '1.3.1-r2', buildTime: T, description: 'A compression/decompression Library',
    url: 'https://zlib.net/', license: 'Zlib', depends: ['so:libc.musl-x86_64.so.1'], provides: ['so:libz.so.1=1.3.1'],
    files: [
      { path: 'lib/libz.so.1', link: 'libz.so.1.3.1' },
      { path: 'lib/libz.so.1.3.1', size: 100_248, mode: 0o755 },
    ],
  },
  {
    name: 'scanelf', version: '1.3.8-r1', origin: 'pax-utils', buildTime: T, description: 'Scan ELF binaries for stuff',
    url: 'https://wiki.gentoo.org/wiki/Hardened/PaX_Utilities', license: 'GPL-2.0-only', depends: ['so:libc.musl-x86_64.so.1'],
    provides: ['cmd:scanelf=1.3.8-r1'],
    files: [{ path: 'usr/bin/scanelf', size: 84_016, mode: 0o755 }],
  },
  {
    name: 'musl-utils', version: '1.2.5-r9', origin: 'musl', buildTime: T, description: 'the musl c library (libc) implementation',
    url: 'https://musl.libc.org/', license: 'MIT AND BSD-2-Clause AND GPL-2.0-or-later', depends: ['scanelf', 'so:libc.musl-x86_64.so.1'],
    provides: ['cmd:getconf=1.2.5-r9', 'cmd:getent=1.2.5-r9', 'cmd:iconv=1.2.5-r9', 'cmd:ldconfig=1.2.5-r9', 'cmd:ldd=1.2.5-r9'],
    files: [
      { path: 'sbin/ldconfig', size: 393, mode: 0o755 },
      { path: 'usr/bin/getconf', size: 34_432, mode: 0o755 },
      { path: 'usr/bin/getent', size: 47_920, mode: 0o755 },
      { path: 'usr/bin/iconv', size: 22_080, mode: 0o755 },
      { path: 'usr/bin/ldd', link: '../../lib/ld-musl-x86_64.so.1' },
    ],
  },
  {
    name: 'libc-utils', version: '0.7.2-r5', buildTime: T, description: 'Meta package to pull in correct libc',
    url: 'https://alpinelinux.org', license: 'BSD-2-Clause AND BSD-3-Clause', depends: ['musl-utils'], files: [],
  },
  {
    name: 'ssl_client', version: '1.37.0-r12', origin: 'busybox', buildTime: T, description: 'EXternal ssl_client for busybox wget',
    url: 'https://busybox.net/', license: 'GPL-2.0-only', depends: ['so:libc.musl-x86_64.so.1', 'so:libcrypto.so.3', 'so:libssl.so.3'],
    provides: ['cmd:ssl_client=1.37.0-r12'],
    files: [{ path: 'usr/bin/ssl_client', size: 14_248, mode: 0o755 }],
  },
];

export const BASE_WORLD = [
  'alpine-baselayout', 'alpine-keys', 'alpine-release', 'apk-tools', 'busybox', 'ca-certificates-bundle',
  'libc-utils', 'libcrypto3', 'libssl3', 'musl-utils', 'scanelf', 'ssl_client', 'zlib',
];

/** Packages `node:*-alpine` adds for the node binary (libstdc++ and its runtime). */
export const NODE_RUNTIME_PACKAGES: ApkPackage[] = [
  {
    name: 'libgcc', version: '14.2.0-r4', origin: 'gcc', buildTime: T, description: 'GNU C compiler runtime libraries',
    url: 'https://gcc.gnu.org', license: 'GPL-2.0-or-later AND LGPL-2.1-or-later', depends: ['so:libc.musl-x86_64.so.1'],
    provides: ['so:libgcc_s.so.1=1'],
    files: [{ path: 'usr/lib/libgcc_s.so.1', size: 154_352, mode: 0o755 }],
  },
  {
    name: 'libstdc++', version: '14.2.0-r4', origin: 'gcc', buildTime: T, description: 'GNU C++ standard runtime library',
    url: 'https://gcc.gnu.org', license: 'GPL-2.0-or-later AND LGPL-2.1-or-later', depends: ['so:libc.musl-x86_64.so.1', 'so:libgcc_s.so.1'],
    provides: ['so:libstdc++.so.6=6.0.33'],
    files: [
      { path: 'usr/lib/libstdc++.so.6', link: 'libstdc++.so.6.0.33' },
      { path: 'usr/lib/libstdc++.so.6.0.33', size: 2_671_048, mode: 0o755 },
    ],
  },
];

const NG = 'nginx Packaging <nginx-packaging@f5.com>';

/** nginx.org's packages as nginx:alpine installs them (first the server, then njs and friends). */
export const NGINX_PACKAGES: ApkPackage[] = [
  {
    name: 'pcre2', version: '10.43-r0', buildTime: T, description: 'Perl-compatible regular expression library',
    url: 'https://pcre.org/', license: 'BSD-3-Clause', depends: ['so:libc.musl-x86_64.so.1'], provides: ['so:libpcre2-8.so.0=0.12.0'],
    files: [{ path: 'usr/lib/libpcre2-8.so.0', link: 'libpcre2-8.so.0.12.0' }, { path: 'usr/lib/libpcre2-8.so.0.12.0', size: 629_376, mode: 0o755 }],
  },
  {
    name: 'nginx', version: '1.27.4-r1', buildTime: T, maintainer: NG, description: 'High performance web server',
    url: 'https://nginx.org/', license: 'BSD-2-Clause', depends: ['so:libc.musl-x86_64.so.1', 'so:libcrypto.so.3', 'so:libpcre2-8.so.0', 'so:libssl.so.3', 'so:libz.so.1'],
    provides: ['cmd:nginx=1.27.4-r1'],
    files: [
      { path: 'etc/nginx/conf.d/default.conf', text: text.NGINX_DEFAULT_CONF },
      { path: 'etc/nginx/fastcgi_params', size: 1007 },
      { path: 'etc/nginx/mime.types', size: 5349 },
      { path: 'etc/nginx/modules', link: '../../usr/lib/nginx/modules' },
      { path: 'etc/nginx/nginx.conf', text: text.NGINX_CONF },
      { path: 'etc/nginx/scgi_params', size: 636 },
      { path: 'etc/nginx/uwsgi_params', size: 664 },
      { path: 'usr/sbin/nginx', program: 'nginx', size: 1_457_784 },
      { path: 'usr/sbin/nginx-debug', program: 'nginx', size: 1_523_496 },
      { path: 'usr/share/nginx/html/50x.html', text: text.NGINX_50X },
      { path: 'usr/share/nginx/html/index.html', text: text.NGINX_INDEX },
      { path: 'var/cache/nginx/.keep', text: '' },
      { path: 'var/log/nginx/.keep', text: '' },
    ],
  },
  ...([
    ['libxml2', '2.13.4-r5', 1_404_208, 'usr/lib/libxml2.so.2.13.4'],
    ['libxslt', '1.1.42-r1', 282_520, 'usr/lib/libxslt.so.1.1.39'],
    ['libgcrypt', '1.10.3-r1', 1_232_160, 'usr/lib/libgcrypt.so.20.4.3'],
    ['libgpg-error', '1.51-r0', 148_672, 'usr/lib/libgpg-error.so.0.38.0'],
    ['libpng', '1.6.44-r0', 230_312, 'usr/lib/libpng16.so.16.44.0'],
    ['libjpeg-turbo', '3.0.4-r0', 644_632, 'usr/lib/libjpeg.so.8.3.2'],
    ['libwebp', '1.4.0-r0', 451_208, 'usr/lib/libwebp.so.7.1.9'],
    ['libsharpyuv', '1.4.0-r0', 26_232, 'usr/lib/libsharpyuv.so.0.1.0'],
    ['freetype', '2.13.3-r0', 808_416, 'usr/lib/libfreetype.so.6.20.2'],
    ['fontconfig', '2.15.0-r1', 311_480, 'usr/lib/libfontconfig.so.1.14.0'],
    ['brotli-libs', '1.1.0-r2', 733_824, 'usr/lib/libbrotlienc.so.1.1.0'],
    ['libbz2', '1.0.8-r6', 75_416, 'usr/lib/libbz2.so.1.0.8'],
    ['libexpat', '2.7.0-r0', 186_688, 'usr/lib/libexpat.so.1.10.0'],
    ['libavif', '1.1.1-r0', 276_880, 'usr/lib/libavif.so.16.1.1'],
    ['aom-libs', '3.11.0-r0', 4_946_008, 'usr/lib/libaom.so.3.11.0'],
    ['libdav1d', '1.5.0-r0', 1_850_320, 'usr/lib/libdav1d.so.7.0.0'],
    ['libde265', '1.0.15-r0', 409_368, 'usr/lib/libde265.so.0.1.8'],
    ['libheif', '1.19.5-r0', 1_002_784, 'usr/lib/libheif.so.1.19.5'],
    ['libtiff', '4.7.0-r0', 486_144, 'usr/lib/libtiff.so.6.1.0'],
    ['libgd', '2.3.3-r9', 420_152, 'usr/lib/libgd.so.3.0.11'],
    ['libintl', '0.22.5-r0', 45_072, 'usr/lib/libintl.so.8.4.0'],
    ['libcurl', '8.12.1-r1', 776_208, 'usr/lib/libcurl.so.4.8.0'],
    ['nghttp2-libs', '1.64.0-r0', 169_928, 'usr/lib/libnghttp2.so.14.28.3'],
    ['c-ares', '1.34.5-r0', 210_472, 'usr/lib/libcares.so.2.19.1'],
    ['libidn2', '2.3.7-r0', 317_312, 'usr/lib/libidn2.so.0.4.0'],
    ['libunistring', '1.2-r0', 1_905_216, 'usr/lib/libunistring.so.5.1.0'],
    ['libpsl', '0.21.5-r3', 78_416, 'usr/lib/libpsl.so.5.3.5'],
    ['zstd-libs', '1.5.6-r2', 840_936, 'usr/lib/libzstd.so.1.5.6'],
    ['xz-libs', '5.6.3-r1', 187_584, 'usr/lib/liblzma.so.5.6.3'],
  ] as const).map(([name, version, size, path]): ApkPackage => ({
    name, version, buildTime: T, description: `${name} shared library`, url: 'https://alpinelinux.org', license: 'custom',
    depends: ['so:libc.musl-x86_64.so.1'], provides: [`so:${path.split('/').pop()!.replace(/\.so\..*$/, '.so')}`],
    files: [{ path, size, mode: 0o755 }],
  })),
  {
    name: 'tzdata', version: '2025a-r0', buildTime: T, description: 'Timezone data', url: 'https://www.iana.org/time-zones',
    license: 'Public-Domain', files: ['Africa', 'America', 'Antarctica', 'Asia', 'Atlantic', 'Australia', 'Europe', 'Indian', 'Pacific', 'Etc']
      .map((zone, i) => ({ path: `usr/share/zoneinfo/${zone}/index`, size: [148_000, 410_000, 32_000, 300_000, 40_000, 70_000, 230_000, 20_000, 90_000, 25_000][i]! })),
  },
  {
    name: 'curl', version: '8.12.1-r1', buildTime: T, description: 'URL retrival utility and library', url: 'https://curl.se/',
    license: 'curl', depends: ['ca-certificates', 'so:libcurl.so.4', 'so:libz.so.1'], provides: ['cmd:curl=8.12.1-r1'],
    files: [{ path: 'usr/bin/curl', program: 'curl', size: 251_424 }],
  },
  {
    name: 'gettext-envsubst', version: '0.22.5-r0', origin: 'gettext', buildTime: T, description: 'GNU gettext envsubst binary',
    url: 'https://www.gnu.org/software/gettext/gettext.html', license: 'GPL-3.0-or-later', depends: ['so:libintl.so.8'],
    provides: ['cmd:envsubst=0.22.5-r0'],
    files: [{ path: 'usr/bin/envsubst', program: 'envsubst', size: 26_104 }],
  },
  {
    name: 'nginx-module-njs', version: '1.27.4.0.8.9-r1', origin: 'nginx-module-njs', buildTime: T, maintainer: NG,
    description: 'nginx njs dynamic modules', url: 'https://nginx.org/en/docs/njs/', license: 'BSD-2-Clause',
    depends: ['nginx=1.27.4-r1', 'so:libxml2.so.2', 'so:libxslt.so.1'], provides: ['cmd:njs=1.27.4.0.8.9-r1'],
    files: [
      { path: 'usr/bin/njs', program: 'njs', size: 1_941_408 },
      { path: 'usr/lib/nginx/modules/ngx_http_js_module.so', size: 3_156_744, mode: 0o755 },
      { path: 'usr/lib/nginx/modules/ngx_stream_js_module.so', size: 3_088_136, mode: 0o755 },
      { path: 'usr/lib/nginx/modules/ngx_http_js_module-debug.so', size: 3_210_256, mode: 0o755 },
      { path: 'usr/lib/nginx/modules/ngx_stream_js_module-debug.so', size: 3_141_664, mode: 0o755 },
    ],
  },
  ...(['xslt', 'geoip', 'image-filter'] as const).map((m): ApkPackage => ({
    name: `nginx-module-${m}`, version: '1.27.4-r1', origin: `nginx-module-${m}`, buildTime: T, maintainer: NG,
    description: `nginx ${m} dynamic module`, url: 'https://nginx.org/', license: 'BSD-2-Clause', depends: ['nginx=1.27.4-r1'],
    files: [
      { path: `usr/lib/nginx/modules/ngx_http_${m.replace('-', '_')}_filter_module.so`, size: 30_000 + m.length * 1000, mode: 0o755 },
      { path: `usr/lib/nginx/modules/ngx_http_${m.replace('-', '_')}_filter_module-debug.so`, size: 34_000 + m.length * 1000, mode: 0o755 },
    ],
  })),
];

export const NGINX_SERVER_PACKAGE_NAMES = ['pcre2', 'nginx'];

/** Packages only `apk add` installs (no built-in image has them). */
export const EXTRA_PACKAGES: ApkPackage[] = [
  {
    name: 'ca-certificates', version: '20241121-r1', buildTime: T, description: 'Common CA certificates PEM files from Mozilla',
    url: 'https://www.mozilla.org/en-US/about/governance/policies/security-group/certs/', license: 'MPL-2.0 AND MIT',
    depends: ['ca-certificates-bundle'],
    files: [
      { path: 'etc/ca-certificates.conf', size: 5_340 },
      { path: 'usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt', size: 1_939 },
      { path: 'usr/share/ca-certificates/mozilla/DigiCert_Global_Root_G2.crt', size: 1_294 },
      { path: 'usr/share/ca-certificates/mozilla/GlobalSign_Root_CA.crt', size: 1_258 },
    ],
  },
];
