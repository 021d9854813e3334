// The `gosu` program (tianon/gosu, what official images use to step down
// from root): `gosu user[:group] command [args…]` sets the user, group,
// supplementary groups and HOME, then execs the command in the same
// process — so it keeps PID 1 and gets `docker stop`'s SIGTERM itself.
import type { Program } from '../../kernel/process.ts';
import { execCommand } from '../applets/spawn-hook.ts';

const VERSION = '1.17';
const USAGE = `Usage: gosu user-spec command [args]
   eg: gosu tianon bash
       gosu nobody:root bash -c 'whoami && id'
       gosu 1000:1 id

gosu version: ${VERSION} (go1.18.2 on linux/amd64; gc)
license: Apache-2.0 (full text at https://github.com/tianon/gosu)

`;

function lines(text: string): string[][] {
  return text.split('\n').filter(Boolean).map((l) => l.split(':'));
}

export const gosu: Program = async (p) => {
  const argv = p.argv.slice(1);
  if (argv[0] === '--version') { await p.write(1, `${VERSION} (go1.18.2 on linux/amd64; gc)\n`); return 0; }
  if (argv.length < 2 || argv[0] === '--help' || argv[0] === '-h') { await p.write(2, USAGE); return 1; }
  const spec = argv[0]!;
  const [userPart = '', groupPart] = spec.split(':');
  const read = (f: string): string => { try { return new TextDecoder().decode(p.fs.readFileSync(f)); } catch { return ''; } };
  const passwd = lines(read('/etc/passwd'));
  const groups = lines(read('/etc/group'));
  const user = passwd.find((f) => f[0] === userPart) ?? (/^\d+$/.test(userPart) ? passwd.find((f) => f[2] === userPart) ?? null : null);
  if (!user && !/^\d+$/.test(userPart)) {
    await p.write(2, `error: failed switching to "${spec}": unable to find user ${userPart}: no matching entries in passwd file\n`);
    return 1;
  }
  const uid = user ? Number(user[2]) : Number(userPart);
  let gid = user ? Number(user[3]) : uid;
  if (groupPart !== undefined && groupPart !== '') {
    const g = groups.find((f) => f[0] === groupPart) ?? (/^\d+$/.test(groupPart) ? ['', '', groupPart] : null);
    if (!g) {
      await p.write(2, `error: failed switching to "${spec}": unable to find group ${groupPart}: no matching entries in group file\n`);
      return 1;
    }
    gid = Number(g[2]);
  }
  if (p.uid !== 0 && uid !== p.uid) {
    await p.write(2, `error: failed switching to "${spec}": operation not permitted\n`);
    return 1;
  }
  const name = user?.[0];
  const supplementary = name ? groups.filter((f) => (f[3] ?? '').split(',').includes(name)).map((f) => Number(f[2])).filter((g) => g !== gid) : [];
  p.task.creds = { uid, gid, groups: supplementary };
  const env = new Map(p.env);
  env.set('HOME', user?.[5] || '/');
  return execCommand(p, argv.slice(1), env);
};
