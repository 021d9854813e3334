// Resolving `USER` / `--user` values against a root filesystem's
// /etc/passwd and /etc/group, as runc does when a container starts.
import type { FileSystemSync } from '../fs/types.ts';

export interface Credentials {
  uid: number;
  gid: number;
  home: string;
}

export class UserError extends Error {
  override name = 'UserError';
}

function readTable(fs: FileSystemSync, path: string): string[][] {
  try {
    return new TextDecoder().decode(fs.readFileSync(path)).split('\n').filter(Boolean).map((l) => l.split(':'));
  } catch {
    return [];
  }
}

/** `''` → root; `app`, `1000`, `app:staff`, `1000:1000`. */
export function resolveUser(fs: FileSystemSync, spec: string): Credentials {
  if (spec === '') return { uid: 0, gid: 0, home: '/root' };
  const [user = '', group] = spec.split(':');
  const passwd = readTable(fs, '/etc/passwd');
  let uid: number;
  let gid: number;
  let home = '/';
  const byName = passwd.find((f) => f[0] === user);
  if (byName) {
    uid = Number(byName[2]); gid = Number(byName[3]); home = byName[5] || '/';
  } else if (/^\d+$/.test(user)) {
    uid = Number(user);
    const byUid = passwd.find((f) => Number(f[2]) === uid);
    gid = byUid ? Number(byUid[3]) : uid === 0 ? 0 : uid;
    home = byUid?.[5] || '/';
  } else {
    throw new UserError(`unable to find user ${user}: no matching entries in passwd file`);
  }
  if (group !== undefined && group !== '') {
    const g = readTable(fs, '/etc/group').find((f) => f[0] === group);
    if (g) gid = Number(g[2]);
    else if (/^\d+$/.test(group)) gid = Number(group);
    else throw new UserError(`unable to find group ${group}: no matching entries in group file`);
  }
  return { uid, gid, home };
}
