// alpine:3.21 — the minirootfs: the base packages installed, busybox's
// applets linked where `busybox --install -s` puts them.
import { appletDir, BUSYBOX_APPLETS } from '../programs/applets.ts';
import { installPackages } from '../programs/apk/db.ts';
import { ALPINE_VERSION, BASE_PACKAGES, BASE_WORLD } from '../programs/apk/packages.ts';
import { dirs, link, PATH_ENV, type BuiltinImage } from './define.ts';

export const alpine: BuiltinImage = {
  name: 'alpine',
  tags: ['alpine:latest', 'alpine:3', 'alpine:3.21', `alpine:${ALPINE_VERSION}`],
  created: Date.UTC(2025, 1, 14, 3, 28, 36),
  steps: [
    {
      createdBy: `ADD alpine-minirootfs-${ALPINE_VERSION}-x86_64.tar.gz / # buildkit`,
      comment: 'buildkit.dockerfile.v0',
      layer: (fs) => {
        dirs(fs, ['/bin', '/dev', '/etc/apk/protected_paths.d', '/etc/conf.d', '/etc/init.d', '/etc/modprobe.d',
          '/etc/modules-load.d', '/etc/network/if-down.d', '/etc/network/if-post-down.d', '/etc/network/if-pre-up.d',
          '/etc/opt', '/etc/periodic/15min', '/etc/periodic/daily', '/etc/periodic/hourly', '/etc/periodic/monthly',
          '/etc/periodic/weekly', '/etc/sysctl.d', '/home', '/lib/apk/db', '/lib/firmware', '/lib/modules-load.d',
          '/media/cdrom', '/media/floppy', '/media/usb', '/mnt', '/opt', '/proc', '/run', '/sbin', '/srv', '/sys',
          '/usr/bin', '/usr/lib/modules-load.d', '/usr/local/bin', '/usr/local/lib', '/usr/local/share', '/usr/sbin',
          '/usr/share/apk/keys', '/usr/share/man', '/usr/share/misc', '/var/cache/apk', '/var/cache/misc',
          '/var/empty', '/var/lib/misc', '/var/local', '/var/lock/subsys', '/var/log', '/var/mail', '/var/opt',
          '/var/spool/cron']);
        dirs(fs, ['/root'], 0o700);
        dirs(fs, ['/tmp', '/var/tmp'], 0o1777);
        installPackages(fs, [], BASE_PACKAGES, BASE_WORLD);
        for (const applet of BUSYBOX_APPLETS) {
          const path = `${appletDir(applet)}/${applet}`;
          if (path !== '/bin/sh') link(fs, '/bin/busybox', path);
        }
      },
    },
    { createdBy: 'CMD ["/bin/sh"]', comment: 'buildkit.dockerfile.v0' },
  ],
  config: { Env: [PATH_ENV], Cmd: ['/bin/sh'] },
};
