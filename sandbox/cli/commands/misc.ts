// docker commit, docker cp (between containers and the workspace), docker
// save -o / load -i (workspace files), and the usage of a command group
// (`docker volume` alone lists its commands, as docker does).
import { EngineError } from '../../client/client.ts';
import { CliError, type Command } from '../command.ts';
import { readAllStdin } from '../io.ts';
import { normalizePathPosix } from '../paths.ts';
import { writeTar, type TarEntry } from '../tar.ts';

export const commit: Command = {
  spec: {
    name: 'commit', usage: 'commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]', description: "Create a new image from a container's changes", minArgs: 1, maxArgs: 2,
    flags: [
      { name: 'author', short: 'a', type: 'string', description: 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")' },
      { name: 'message', short: 'm', type: 'string', description: 'Commit message' },
      { name: 'pause', short: 'p', type: 'bool', description: 'Pause container during commit', default: 'true' },
    ],
  },
  async run({ client, io, flags }) {
    const [container, ref] = flags.args as [string, string | undefined];
    let repo: string | undefined;
    let tag: string | undefined;
    if (ref) {
      const slash = ref.lastIndexOf('/');
      const colon = ref.lastIndexOf(':');
      [repo, tag] = colon > slash ? [ref.slice(0, colon), ref.slice(colon + 1)] : [ref, undefined];
    }
    const r = await client.json<{ Id: string }>('POST', '/commit', { query: { container, repo, tag, comment: flags.strings.get('message'), author: flags.strings.get('author') } });
    io.stdout(`${r.Id}\n`);
    return 0;
  },
};

/** Files of a tar (what GET /archive sends), as path → entry. */
function readTar(tar: Uint8Array): TarEntry[] {
  const out: TarEntry[] = [];
  const dec = new TextDecoder();
  let longName: string | null = null;
  for (let off = 0; off + 512 <= tar.length;) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const field = (start: number, len: number): string => dec.decode(h.subarray(start, start + len)).replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const prefix = field(345, 155);
    let name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = null;
    const data = tar.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      const m = /\d+ path=([^\n]*)\n/.exec(dec.decode(data));
      if (m) longName = m[1]!;
      continue;
    }
    if (type === 'L') { longName = dec.decode(data).replace(/\0.*$/s, ''); continue; }
    name = name.replace(/\/$/, '');
    const mode = parseInt(field(100, 8).trim() || '644', 8);
    if (type === '5') out.push({ path: name, type: 'dir', mode });
    else if (type === '2') out.push({ path: name, type: 'symlink', mode, target: field(157, 100) });
    else if (type === '0' || type === '\0' || type === '7') out.push({ path: name, type: 'file', mode, data: data.slice() });
  }
  return out;
}

export const cp: Command = {
  spec: {
    name: 'cp', usage: 'cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH', minArgs: 2, maxArgs: 2,
    description: "Copy files/folders between a container and the local filesystem\n\nUse '-' as the source to read a tar archive from stdin\nand extract it to a directory destination in a container.\nUse '-' as the destination to stream a tar archive of a\ncontainer source to stdout.",
    flags: [{ name: 'archive', short: 'a', type: 'bool', description: 'Archive mode (copy all uid/gid information)' }, { name: 'follow-link', short: 'L', type: 'bool', description: 'Always follow symbol link in SRC_PATH' }, { name: 'quiet', short: 'q', type: 'bool', description: 'Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached' }],
  },
  async run({ client, io, flags }) {
    const [src, dst] = flags.args as [string, string];
    const remote = (s: string): [string, string] | null => {
      const m = /^([a-zA-Z0-9][a-zA-Z0-9_.-]*):(.*)$/.exec(s);
      return m ? [m[1]!, m[2]!] : null;
    };
    const from = remote(src);
    const to = remote(dst);
    if ((from && to) || (!from && !to)) throw new CliError('copying between containers is not supported', 1);
    const fs = io.files;
    if (from) {
      const r = await client.request('GET', `/containers/${encodeURIComponent(from[0])}/archive`, { query: { path: from[1] } });
      const tar = await r.bytes();
      if (dst === '-') { io.stdout(tar); return 0; }
      if (!fs) throw new CliError('no workspace to copy into', 1);
      const target = normalizePathPosix(dst, io.cwd ?? '/');
      let intoDir = false;
      try { intoDir = fs.statSync(target).type === 'dir'; } catch { /* a new name */ }
      for (const e of readTar(tar)) {
        // The archive's top entry is the source's basename: it lands in the directory, or takes the new name.
        const rel = intoDir ? e.path : e.path.split('/').slice(1).join('/');
        const path = rel === '' ? target : `${target === '/' ? '' : target}/${rel}`;
        if (e.type === 'dir') (fs as unknown as { mkdirSync(p: string, o: object): void }).mkdirSync(path, { recursive: true });
        else if (e.type === 'file') fs.writeFileSync(path, e.data!);
      }
      if (!flags.bools.get('quiet') && io.isTTY) io.stderr(`Successfully copied ${tar.length}B to ${dst}\n`);
      return 0;
    }
    if (src === '-') {
      // A tar archive from stdin, extracted into a directory of the container.
      await client.request('PUT', `/containers/${encodeURIComponent(to![0])}/archive`, { query: { path: to![1] }, body: await readAllStdin(io) });
      return 0;
    }
    if (!fs) throw new CliError('no workspace to copy from', 1);
    const source = normalizePathPosix(src, io.cwd ?? '/');
    let st;
    try { st = fs.lstatSync(source); } catch { throw new CliError(`lstat ${source}: no such file or directory`, 1); }
    const base = source.split('/').pop() || '.';
    const entries: TarEntry[] = [];
    const walk = (path: string, rel: string): void => {
      const s = fs.lstatSync(path);
      if (s.type === 'dir') {
        entries.push({ path: rel, type: 'dir', mode: s.mode });
        for (const n of fs.readdirSync(path).sort()) walk(`${path}/${n}`, `${rel}/${n}`);
      } else if (s.type === 'symlink') entries.push({ path: rel, type: 'symlink', mode: s.mode, target: fs.readlinkSync(path) });
      else entries.push({ path: rel, type: 'file', mode: s.mode, data: fs.readFileSync(path) });
    };
    // To a path that is not an existing directory: the copy takes that name.
    let destDir = to![1];
    let name = base;
    try {
      const info = await client.request('HEAD', `/containers/${encodeURIComponent(to![0])}/archive`, { query: { path: to![1] } });
      const stat = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(info.headers['X-Docker-Container-Path-Stat'] ?? ''), (c) => c.charCodeAt(0)))) as { mode: number };
      if (stat.mode < 2 ** 31) { destDir = to![1].replace(/\/[^/]*$/, '') || '/'; name = to![1].split('/').pop()!; }
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      destDir = to![1].replace(/\/[^/]*$/, '') || '/';
      name = to![1].split('/').pop()!;
    }
    walk(source, name);
    void st;
    await client.request('PUT', `/containers/${encodeURIComponent(to![0])}/archive`, { query: { path: destDir }, body: writeTar(entries) });
    return 0;
  },
};

export const save: Command = {
  spec: { name: 'save', usage: 'save [OPTIONS] IMAGE [IMAGE...]', description: 'Save one or more images to a tar archive (streamed to STDOUT by default)', minArgs: 1, flags: [{ name: 'output', short: 'o', type: 'string', description: 'Write to a file, instead of STDOUT' }] },
  async run({ client, io, flags }) {
    const out = flags.strings.get('output');
    if (!out && io.isTTY) throw new CliError('cowardly refusing to save to a terminal. Use the -o flag or redirect', 1);
    const tar = await (await client.request('GET', '/images/get', { query: { names: flags.args } })).bytes();
    if (!out) { io.stdout(tar); return 0; }
    if (!io.files) throw new CliError('no workspace to write into', 1);
    io.files.writeFileSync(normalizePathPosix(out, io.cwd ?? '/'), tar);
    return 0;
  },
};

export const load: Command = {
  spec: { name: 'load', usage: 'load [OPTIONS]', description: 'Load an image from a tar archive or STDIN', maxArgs: 0, flags: [{ name: 'input', short: 'i', type: 'string', description: 'Read from tar archive file, instead of STDIN' }, { name: 'quiet', short: 'q', type: 'bool', description: 'Suppress the load output' }] },
  async run({ client, io, flags }) {
    const input = flags.strings.get('input');
    if (!input) throw new CliError('requested load from stdin, but stdin is empty: use -i FILE from the workspace', 1);
    let tar: Uint8Array;
    try { tar = io.files!.readFileSync(normalizePathPosix(input, io.cwd ?? '/')); } catch { throw new CliError(`open ${input}: no such file or directory`, 1); }
    const text = new TextDecoder().decode(await (await client.request('POST', '/images/load', { query: { quiet: true }, body: tar })).bytes());
    for (const line of text.split('\n')) if (line) io.stdout((JSON.parse(line) as { stream?: string }).stream ?? '');
    return 0;
  },
};

const GROUPS: Record<string, { description: string; commands: Array<[string, string]> }> = {
  // As docker 28 lists them, less what the playground does not have (image import).
  image: { description: 'Manage images', commands: [
    ['build', 'Build an image from a Dockerfile'], ['history', 'Show the history of an image'], ['inspect', 'Display detailed information on one or more images'],
    ['load', 'Load an image from a tar archive or STDIN'], ['ls', 'List images'], ['prune', 'Remove unused images'], ['pull', 'Download an image from a registry'],
    ['push', 'Upload an image to a registry'], ['rm', 'Remove one or more images'], ['save', 'Save one or more images to a tar archive (streamed to STDOUT by default)'],
    ['tag', 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE'],
  ] },
  container: { description: 'Manage containers', commands: [
    ['attach', 'Attach local standard input, output, and error streams to a running container'], ['commit', "Create a new image from a container's changes"],
    ['cp', 'Copy files/folders between a container and the local filesystem'], ['create', 'Create a new container'],
    ['diff', "Inspect changes to files or directories on a container's filesystem"], ['exec', 'Execute a command in a running container'],
    ['export', "Export a container's filesystem as a tar archive"], ['inspect', 'Display detailed information on one or more containers'],
    ['kill', 'Kill one or more running containers'], ['logs', 'Fetch the logs of a container'], ['ls', 'List containers'],
    ['pause', 'Pause all processes within one or more containers'], ['port', 'List port mappings or a specific mapping for the container'],
    ['prune', 'Remove all stopped containers'], ['rename', 'Rename a container'], ['restart', 'Restart one or more containers'],
    ['rm', 'Remove one or more containers'], ['run', 'Create and run a new container from an image'], ['start', 'Start one or more stopped containers'],
    ['stats', 'Display a live stream of container(s) resource usage statistics'], ['stop', 'Stop one or more running containers'],
    ['top', 'Display the running processes of a container'], ['unpause', 'Unpause all processes within one or more containers'],
    ['update', 'Update configuration of one or more containers'], ['wait', 'Block until one or more containers stop, then print their exit codes'],
  ] },
  system: { description: 'Manage Docker', commands: [['df', 'Show docker disk usage'], ['events', 'Get real time events from the server'], ['info', 'Display system-wide information'], ['prune', 'Remove unused data']] },
  volume: { description: 'Manage volumes', commands: [['create', 'Create a volume'], ['inspect', 'Display detailed information on one or more volumes'], ['ls', 'List volumes'], ['prune', 'Remove unused local volumes'], ['rm', 'Remove one or more volumes'], ['update', 'Update a volume (cluster volumes only)']] },
  network: { description: 'Manage networks', commands: [['connect', 'Connect a container to a network'], ['create', 'Create a network'], ['disconnect', 'Disconnect a container from a network'], ['inspect', 'Display detailed information on one or more networks'], ['ls', 'List networks'], ['prune', 'Remove all unused networks'], ['rm', 'Remove one or more networks']] },
};

/** `docker volume` (a group with no command): its usage, as docker prints it. */
export function groupUsage(group: string): string | null {
  const g = GROUPS[group];
  if (!g) return null;
  return `Usage:  docker ${group} COMMAND\n\n${g.description}\n\nCommands:\n${g.commands.map(([n, d]) => `  ${n.padEnd(12)}${d}`).join('\n')}\n\nRun 'docker ${group} COMMAND --help' for more information on a command.\n`;
}
