// Shared by the applets about users: names for uids and gids from /etc/passwd and /etc/group.
import type { Process } from '../../kernel/process.ts';

export function nameOf(p: Process, file: string, id: number): string | null {
  try {
    for (const line of new TextDecoder().decode(p.fs.readFileSync(file)).split('\n')) {
      const f = line.split(':');
      if (Number(f[2]) === id && f[0]) return f[0];
    }
  } catch { /* none */ }
  return null;
}

/** The fields of `name`'s line in /etc/passwd or /etc/group (name:x:id:…), or null. */
export function accountFields(p: Process, file: string, name: string): string[] | null {
  try {
    for (const line of new TextDecoder().decode(p.fs.readFileSync(file)).split('\n')) {
      const f = line.split(':');
      if (f[0] === name) return f;
    }
  } catch { /* no file */ }
  return null;
}
