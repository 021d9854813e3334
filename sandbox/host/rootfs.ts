// The playground host's root filesystem: a small Linux machine on which the
// student's shell runs — busybox and its applets, the docker CLI binary and
// curl, users root and student (in group docker), dockerd's socket
// /var/run/docker.sock, and /home/student, the workspace the editor shows
// (build contexts and bind mounts come from here, as from a real host).
import { programBinary } from '../fs/executable.ts';
import { MemoryFs } from '../fs/memory.ts';
import { appletDir, BUSYBOX_APPLETS } from '../programs/applets.ts';
import { DOCKER_SOCKET } from './docker-socket.ts';

export const HOST_USER = { name: 'student', uid: 1000, gid: 1000, home: '/home/student' } as const;
export const HOST_HOSTNAME = 'playground';
/** The docker CLI binary's size (the static docker 28 client). */
const DOCKER_CLI_SIZE = 40_370_000;
const BUSYBOX_SIZE = 1_000_000;
/** Debian's /usr/bin/curl. */
const CURL_SIZE = 260_232;

/** Lays out the host's system files in `fs` (kept: anything already in /home/student). */
export function populateHostRoot(fs: MemoryFs): void {
  for (const d of ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/etc', '/tmp', '/root', '/var', '/run', HOST_USER.home]) fs.mkdirSync(d, { recursive: true });
  // /var/run is /run, as on current distributions; dockerd's socket lives there, for root and group docker.
  if (!fs.existsSync('/var/run')) fs.symlinkSync('/run', '/var/run');
  fs.writeFileSync(DOCKER_SOCKET.real, new Uint8Array(0), { mode: DOCKER_SOCKET.mode, uid: 0, gid: DOCKER_SOCKET.gid });
  fs.chmodSync('/tmp', 0o1777);
  fs.chmodSync('/root', 0o700);
  fs.chownSync(HOST_USER.home, HOST_USER.uid, HOST_USER.gid);
  fs.writeFileSync('/bin/busybox', programBinary('busybox', BUSYBOX_SIZE), { mode: 0o755 });
  for (const applet of BUSYBOX_APPLETS) {
    const dir = appletDir(applet);
    if (!fs.existsSync(`${dir}/${applet}`)) fs.symlinkSync('/bin/busybox', `${dir}/${applet}`);
  }
  fs.writeFileSync('/usr/bin/docker', programBinary('docker', DOCKER_CLI_SIZE), { mode: 0o755 });
  fs.writeFileSync('/usr/bin/curl', programBinary('curl', CURL_SIZE), { mode: 0o755 });
  fs.writeFileSync('/etc/passwd', `root:x:0:0:root:/root:/bin/sh\n${HOST_USER.name}:x:${HOST_USER.uid}:${HOST_USER.gid}:Student:${HOST_USER.home}:/bin/sh\n`);
  fs.writeFileSync('/etc/group', `root:x:0:\ndocker:x:${DOCKER_SOCKET.gid}:${HOST_USER.name}\n${HOST_USER.name}:x:${HOST_USER.gid}:\n`);
  fs.writeFileSync('/etc/hostname', `${HOST_HOSTNAME}\n`);
  fs.writeFileSync('/etc/hosts', `127.0.0.1\tlocalhost\n127.0.1.1\t${HOST_HOSTNAME}\n::1\tlocalhost ip6-localhost ip6-loopback\n`);
  fs.writeFileSync('/etc/os-release', 'NAME="Docker Playground"\nID=playground\nPRETTY_NAME="Docker Playground (in your browser)"\n');
}
