// The busybox applets the sandbox's userland provides (the set the runtime
// issue commits to). Base images link exactly these names to the busybox
// binary, so `ls /bin` never shows a program that cannot run.
export const BUSYBOX_APPLETS: readonly string[] = [
  '[', 'awk', 'base64', 'basename', 'cat', 'chmod', 'chown', 'clear', 'cp', 'cut', 'date', 'dd', 'df', 'dirname',
  'du', 'echo', 'egrep', 'env', 'false', 'fgrep', 'find', 'free', 'grep', 'gunzip', 'gzip', 'head',
  'hostname', 'httpd', 'id', 'ip', 'kill', 'ln', 'ls', 'md5sum', 'mkdir', 'mv', 'nc', 'nproc', 'nslookup', 'od',
  'ping', 'printenv', 'printf', 'ps', 'pwd', 'readlink', 'rm', 'rmdir', 'sed', 'seq', 'sh', 'sha1sum', 'sha256sum', 'sha512sum', 'sleep',
  'sort', 'stat', 'tail', 'tar', 'tee', 'test', 'top', 'touch', 'tr', 'true', 'tty', 'uname', 'uniq', 'wc',
  'wget', 'which', 'whoami', 'xargs', 'yes', 'zcat',
];

/** Where each applet lives in a busybox-based image (as busybox --install places them). */
export function appletDir(applet: string): string {
  const sbin = new Set(['ip']);
  const usrBin = new Set([
    '[', 'awk', 'base64', 'basename', 'cut', 'dirname', 'du', 'env', 'find', 'free', 'head', 'id', 'md5sum',
    'nc', 'nproc', 'nslookup', 'od', 'printf', 'readlink', 'seq', 'sha1sum', 'sha256sum', 'sha512sum', 'sort', 'tail', 'tee', 'test', 'top', 'tr', 'tty', 'uniq',
    'wc', 'wget', 'which', 'whoami', 'xargs', 'yes',
  ]);
  const usrSbin = new Set(['httpd']);
  if (sbin.has(applet)) return '/sbin';
  if (usrBin.has(applet)) return '/usr/bin';
  if (usrSbin.has(applet)) return '/usr/sbin';
  return '/bin';
}
