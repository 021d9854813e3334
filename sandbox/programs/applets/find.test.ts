// find through sh: its tests, actions and errors as busybox's find gives them
// (each answer checked against busybox 1.35), and -xdev over a root with
// mounts the way a container has them.
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/memory.ts';
import { MountFs, type MountTable } from '../../fs/mount.ts';
import { OverlayFs } from '../../fs/overlay.ts';
import { Cgroup } from '../../kernel/cgroup.ts';
import { FdTable, NullFile, SinkFile } from '../../kernel/fd.ts';
import { Kernel } from '../../kernel/kernel.ts';
import { Userland } from '../registry.ts';
import { busyboxRoot, shTranscript } from '../testing/run.ts';

const TREE = 'mkdir -p /w/d /w/e /w/sub/inner; cd /w; printf "%1500s" x > big; : > empty; echo hi > small; chmod 751 big; chmod 644 small; ln -s big lnk';
const sh = (script: string): Promise<string> => shTranscript(`${TREE}; ${script}`);

describe('find tests', () => {
  it.each([
    ['find . -empty | sort', './d\n./e\n./empty\n./sub/inner\n'],
    // -size compares bytes with N units: -1k is under 1024 bytes, 2 blocks is 1024 exactly
    ['find . -size -1k -type f | sort', './empty\n./small\n'],
    ['find . -size +1k -type f; find . -size 1500c; find . -size 3w', './big\n./big\n'],
    ['find . -size -2 -type f | sort', './empty\n./small\n'],
    ['find lnk -size -1; find . -maxdepth 1 -type l -size -1c', 'lnk\n'],
    // -perm: exactly, all of (-), any of (/ or +); octal or symbolic
    ['find . -perm 751; find . -perm u=rwx,g=rx,o=x', './big\n./big\n'],
    ['find . -perm -100 -type f; find . -perm -u+x -type f; find . -perm /002', './big\n./big\n./lnk\n'],
    ['find . -perm +001 -type f', './big\n'],
    // times: the files were just made
    ['find . -mtime 0 -name big; find . -mtime -1 -name big; find . -mmin -5 -name big; find . -mtime +0', './big\n./big\n./big\n'],
    ['find . -newer small', ''],
    ['find . -type l; find . -type d -links +2', './lnk\n.\n./sub\n'],
    ['find . -type d -links 2 | sort', './d\n./e\n./sub/inner\n'],
    ["find . -regex '.*/b.*'; find . -ipath '*BIG'; find . -iname BIG", './big\n./big\n./big\n'],
    ['find . -executable -type f; find . -samefile big', './big\n./big\n'],
    ["find . -path './sub*' | sort; find sub/ -name sub", './sub\n./sub/inner\nsub/\n'],
    ["find . -type f -a -name 's*' -o -name 'e*' | sort", './e\n./empty\n./small\n'],
    ["find . -not -name '*i*' ! -name . | sort", './d\n./e\n./empty\n./lnk\n./small\n./sub\n'],
    ['find -L . -maxdepth 1 -type f | sort; find -H lnk -type f; find lnk -type f', './big\n./empty\n./lnk\n./small\nlnk\n'],
  ])('%s', async (script, want) => {
    expect(await sh(script)).toBe(want);
  });
});

describe('find actions', () => {
  it.each([
    ['find . -name sub -prune -o -print | sort', '.\n./big\n./d\n./e\n./empty\n./lnk\n./small\n'],
    ['find sub -depth', 'sub/inner\nsub\n'],
    ["find . -maxdepth 1 -name 'b*' -exec echo x{}y \\;", 'x./bigy\n'],
    ['find . -maxdepth 1 -type f -exec echo files: {} +', 'files: ./big ./empty ./small\n'],
    ['find . -name small -print -quit', './small\n'],
    ['find . -print0 -name big | tr "\\0" "\\n" | head -n 2', '.\n./big\n'],
    ['find . -mindepth 2', './sub/inner\n'],
    // -delete goes depth first; a directory it cannot empty is reported and the status stays 0
    ['find sub -delete; ls sub', '[stderr]ls: sub: No such file or directory\n[exit 1]'],
  ])('%s', async (script, want) => {
    expect(await sh(script)).toBe(want);
  });

  it('-delete reports what it cannot remove and goes on; the status stays 0, as busybox', async () => {
    expect(await shTranscript('cd /tmp; mkdir -p keep/x; touch keep/x/f keep/g; chmod 555 keep/x; find keep -delete; echo $?; find keep', { uid: 1000 }))
      .toBe('0\nkeep\nkeep/x\nkeep/x/f\n[stderr]find: keep/x/f: Permission denied\nfind: keep/x: Directory not empty\nfind: keep: Directory not empty\n');
  });
});

describe('find errors', () => {
  it.each([
    ['find . -size 1M', "find: invalid number '1M'"],
    ['find . -perm 7z', "find: invalid mode '7z'"],
    ['find . -newer nope', "find: can't stat 'nope': No such file or directory"],
    ['find . -samefile nope', "find: can't stat 'nope': No such file or directory"],
    ['find . -type x', "find: invalid argument 'x' to '-type'"],
    ["find . -regex 'a\\('", "find: bad regex 'a\\(': Unmatched ( or \\("],
    ['find . -user nosuch', 'find: unknown user nosuch'],
    ['find . -group nosuch', 'find: unknown group nosuch'],
    ['find . -inum x; find . -mtime x; find . -maxdepth x', "find: invalid number 'x'\nfind: invalid number 'x'\nfind: invalid number 'x'"],
    ['find . -exec', 'find: -exec requires an argument'],
    ['find . -exec echo {} {} +', "find: only one '{}' allowed for -exec +"],
    ["find . '(' -name x", "find: unpaired '('"],
    ['find . -name', 'find: -name requires an argument'],
  ])('%s', async (script, message) => {
    expect(await sh(script)).toBe(`[stderr]${message}\n[exit 1]`);
  });

  it('a missing path is reported and the others still walked', async () => {
    expect(await sh('find nope . -maxdepth 0')).toBe('.\n[stderr]find: nope: No such file or directory\n[exit 1]');
  });

  it('an unknown word (GNU\'s -mount, -true, -ok) is unrecognized, with the usage', async () => {
    const r = await sh('find . -mount');
    expect(r).toMatch(/^\[stderr\]find: unrecognized: -mount\nBusyBox v1\.37\.0 multi-call binary\.\n\nUsage: find \[-HL\] \[PATH\]\.\.\. \[OPTIONS\] \[ACTIONS\]\n/);
    expect(r).toContain("\t-xdev\t\tDon't descend directories on other filesystems\n");
    expect(r.endsWith('[exit 1]')).toBe(true);
    expect(await sh('find . -true 2>&1 | head -n 1; find . -ok echo {} \\; 2>&1 | head -n 1')).toBe('find: unrecognized: -true\nfind: unrecognized: -ok\n');
  });
});

/** Runs `sh -c script` in a busybox root with `mounts` attached, as a container's root is; resolves to stdout + [stderr]. */
async function shWithMounts(script: string, mounts: (root: OverlayFs) => MountTable): Promise<string> {
  const kernel = new Kernel();
  const root = new OverlayFs(busyboxRoot().root);
  const fs = new MountFs(root, mounts(root));
  let stdout = '';
  let stderr = '';
  const fds = new FdTable();
  fds.set(0, new NullFile());
  fds.set(1, new SinkFile((d) => { stdout += new TextDecoder().decode(d); }));
  fds.set(2, new SinkFile((d) => { stderr += new TextDecoder().decode(d); }));
  const task = kernel.spawn({
    program: new Userland().sh, argv: ['/bin/sh', '-c', script], env: new Map([['PATH', '/bin']]), cwd: '/',
    creds: { uid: 0, gid: 0, groups: [] }, fs, fds, cgroup: new Cgroup('/docker/t', kernel.rootCgroup, {}),
    uts: { hostname: 'c0ffee123456' }, parent: null, newPidns: true,
  });
  await kernel.waitExit(task);
  return stdout + (stderr ? `[stderr]${stderr}` : '');
}

describe('find -xdev', () => {
  const volume = new MemoryFs();
  volume.mkdirSync('/inside', { recursive: true });
  volume.writeFileSync('/inside/f', 'x');
  const host = new MemoryFs();
  host.mkdirSync('/srv/site/css', { recursive: true });
  host.mkdirSync('/srv/other', { recursive: true });
  const table = (root: OverlayFs): MountTable => {
    for (const d of ['/data', '/again', '/site', '/other', '/app/cache']) root.mkdirSync(d, { recursive: true });
    root.writeFileSync('/app/main.js', '');
    return new Map([
      ['/data', { fs: volume }],
      ['/again', { fs: volume }],
      ['/site', { fs: host, dir: '/srv/site' }],
      ['/other', { fs: host, dir: '/srv/other' }],
      ['/app/cache', { fs: new MemoryFs() }],
    ]);
  };

  it('lists a mountpoint but does not descend into it; without -xdev it does', async () => {
    expect(await shWithMounts('find /app -xdev; echo; find /app', table)).toBe('/app\n/app/cache\n/app/main.js\n\n/app\n/app/cache\n/app/main.js\n');
    expect(await shWithMounts('mkdir /app/cache/tmp; find /app -xdev | wc -l; find /app | wc -l', table)).toBe('3\n4\n');
    expect(await shWithMounts('find / -xdev -maxdepth 1 -name data; find / -xdev -path "/data/*"', table)).toBe('/data\n');
  });

  it('walks the filesystems of every starting point; two mounts of one filesystem are one device', async () => {
    expect(await shWithMounts('find /data /again -xdev | sort', table)).toBe('/again\n/again/inside\n/again/inside/f\n/data\n/data/inside\n/data/inside/f\n');
    // binds from the same host filesystem: /site's device is /other's, as on Linux
    expect(await shWithMounts('find /site /other -xdev | sort', table)).toBe('/other\n/site\n/site/css\n');
    expect(await shWithMounts('find / -xdev -maxdepth 1 -type d -name "[ads]*" | sort', table)).toBe('/again\n/app\n/data\n/site\n');
    expect(await shWithMounts('find /data -xdev -name f', table)).toBe('/data/inside/f\n');
  });

  it('-mindepth below a mountpoint does not reach into it', async () => {
    expect(await shWithMounts('mkdir /app/cache/tmp; find /app -xdev -mindepth 2; find /app -mindepth 2', table)).toBe('/app/cache/tmp\n');
  });
});
