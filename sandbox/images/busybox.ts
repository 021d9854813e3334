// busybox:latest — the official image (1.37.0, glibc variant): one layer
// with the busybox binary, glibc's shared libraries and a minimal /etc.
import { BUSYBOX_APPLETS } from '../programs/applets.ts';
import { binary, blob, dirs, link, put, PATH_ENV, type BuiltinImage } from './define.ts';

const PASSWD = `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
`;

const GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
kmem:x:9:
wheel:x:10:root
cdrom:x:11:
dialout:x:18:
floppy:x:19:
video:x:28:
audio:x:29:
tape:x:32:
www-data:x:33:
operator:x:37:
utmp:x:43:
plugdev:x:46:
staff:x:50:
lock:x:54:
netdev:x:82:
users:x:100:
nogroup:x:65534:
`;

export const busybox: BuiltinImage = {
  name: 'busybox',
  tags: ['busybox:latest', 'busybox:1.37', 'busybox:1.37.0', 'busybox:glibc', 'busybox:1.37.0-glibc'],
  created: Date.UTC(2024, 8, 26, 21, 31, 42),
  steps: [
    {
      createdBy: '/bin/sh -c #(nop) ADD file:7e9002edaafd4e4579b65c8f0aaabde1aeb7fd3f8d95579f7fd3443cef785fd1 in / ',
      layer: (fs) => {
        dirs(fs, ['/bin', '/dev', '/etc', '/home', '/lib', '/lib64', '/usr/sbin', '/var/spool/mail', '/var/www']);
        dirs(fs, ['/root'], 0o700);
        dirs(fs, ['/tmp'], 0o1777);
        binary(fs, '/bin/busybox', 'busybox', 1_174_512);
        for (const applet of BUSYBOX_APPLETS) link(fs, 'busybox', `/bin/${applet}`);
        blob(fs, '/lib/libc.so.6', 2_105_184, 0o755);
        blob(fs, '/lib/libm.so.6', 907_784, 0o755);
        blob(fs, '/lib/libresolv.so.2', 68_552, 0o755);
        blob(fs, '/lib/libnss_files.so.2', 14_328, 0o755);
        blob(fs, '/lib/libnss_dns.so.2', 14_328, 0o755);
        blob(fs, '/lib64/ld-linux-x86-64.so.2', 236_616, 0o755);
        put(fs, '/etc/passwd', PASSWD);
        put(fs, '/etc/group', GROUP);
        put(fs, '/etc/shadow', PASSWD.split('\n').filter(Boolean).map((l) => `${l.split(':')[0]}:*:10933:0:99999:7:::`).join('\n') + '\n', 0o600);
        put(fs, '/etc/localtime', new TextEncoder().encode('TZif2\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0UTC0\n'));
        put(fs, '/etc/network/if-up.d/.keep', '');
        link(fs, '/proc/mounts', '/etc/mtab');
      },
    },
    { createdBy: '/bin/sh -c #(nop)  CMD ["sh"]' },
  ],
  config: { Env: [PATH_ENV], Cmd: ['sh'] },
};
