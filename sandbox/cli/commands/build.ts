// docker build (the classic builder, as DOCKER_BUILDKIT=0 docker build):
// tars the context directory from the workspace, sends it with the tags,
// build args, labels, target and Dockerfile path, and prints the engine's
// progress as it streams; a failed step exits 1 with its message.
import { normalizePathPosix } from '../paths.ts';
import { CliError, type Command } from '../command.ts';
import { writeTar, type TarEntry } from '../tar.ts';
import { keyValues } from '../flags.ts';
import { humanSize } from '../table.ts';
import type { WorkspaceFs } from '../io.ts';

function collect(fs: WorkspaceFs, dir: string, prefix: string, out: TarEntry[]): void {
  for (const name of fs.readdirSync(dir).sort()) {
    const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
    const rel = prefix ? `${prefix}/${name}` : name;
    const st = fs.lstatSync(path);
    if (st.type === 'dir') {
      out.push({ path: rel, type: 'dir', mode: st.mode, mtimeMs: st.mtimeMs });
      collect(fs, path, rel, out);
    } else if (st.type === 'symlink') {
      out.push({ path: rel, type: 'symlink', mode: st.mode, target: fs.readlinkSync(path), mtimeMs: st.mtimeMs });
    } else {
      out.push({ path: rel, type: 'file', mode: st.mode, data: fs.readFileSync(path), mtimeMs: st.mtimeMs });
    }
  }
}

export const build: Command = {
  spec: {
    name: 'build', usage: 'build [OPTIONS] PATH | URL | -', description: 'Build an image from a Dockerfile', minArgs: 1, maxArgs: 1,
    flags: [
      { name: 'build-arg', type: 'list', description: 'Set build-time variables' },
      { name: 'file', short: 'f', type: 'string', description: "Name of the Dockerfile (Default is 'PATH/Dockerfile')" },
      { name: 'label', type: 'list', description: 'Set metadata for an image' },
      { name: 'no-cache', type: 'bool', description: 'Do not use cache when building the image' },
      { name: 'pull', type: 'bool', description: 'Always attempt to pull a newer version of the image' },
      { name: 'quiet', short: 'q', type: 'bool', description: 'Suppress the build output and print image ID on success' },
      { name: 'rm', type: 'bool', description: 'Remove intermediate containers after a successful build', default: 'true' },
      { name: 'tag', short: 't', type: 'list', description: 'Name and optionally a tag in the "name:tag" format' },
      { name: 'target', type: 'string', description: 'Set the target build stage to build.' },
      { name: 'platform', type: 'string', description: 'Set platform if server is multi-platform capable' },
    ],
  },
  async run({ client, io, flags }) {
    const arg = flags.args[0]!;
    if (arg === '-' || /^(https?|git):\/\//.test(arg) || arg.startsWith('git@')) {
      throw new CliError('unable to prepare context: only a directory of the workspace can be a build context in the playground', 1);
    }
    const fs = io.files;
    const dir = normalizePathPosix(arg, io.cwd ?? '/');
    let st;
    try { st = fs?.statSync(dir); } catch { st = undefined; }
    if (!fs || !st) throw new CliError(`unable to prepare context: path "${arg}" not found`, 1);
    if (st.type !== 'dir') throw new CliError(`unable to prepare context: context must be a directory: ${dir}`, 1);
    let dockerfile = 'Dockerfile';
    const file = flags.strings.get('file');
    if (file) {
      const abs = normalizePathPosix(file, io.cwd ?? '/');
      if (!abs.startsWith(dir === '/' ? '/' : `${dir}/`)) throw new CliError(`unable to prepare context: the Dockerfile (${file}) must be inside the build context in the playground`, 1);
      dockerfile = abs.slice(dir === '/' ? 1 : dir.length + 1);
    }
    try { fs.statSync(`${dir === '/' ? '' : dir}/${dockerfile}`); } catch {
      throw new CliError(`unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat ${dir === '/' ? '' : dir}/${dockerfile}: no such file or directory`, 1);
    }
    const entries: TarEntry[] = [];
    collect(fs, dir, '', entries);
    const tar = writeTar(entries);
    const quiet = flags.bools.get('quiet') ?? false;
    if (!quiet) io.stdout(`Sending build context to Docker daemon  ${humanSize(tar.length, 4)}\r\r\n`);
    const buildArgs = keyValues(flags.lists.get('build-arg'), null);
    const labels = keyValues(flags.lists.get('label'), '');
    const r = await client.request('POST', '/build', {
      query: {
        t: flags.lists.get('tag') ?? [], dockerfile, buildargs: JSON.stringify(buildArgs), labels: JSON.stringify(labels),
        nocache: flags.bools.get('no-cache') ?? false, q: quiet, rm: true, ...(flags.strings.get('target') && { target: flags.strings.get('target') }),
      },
      body: tar, headers: { 'Content-Type': 'application/x-tar' },
    });
    let pending = '';
    let failed: string | null = null;
    const dec = new TextDecoder();
    for await (const chunk of r.chunks()) {
      pending += dec.decode(chunk, { stream: true });
      let nl;
      while ((nl = pending.indexOf('\n')) !== -1) {
        const line = pending.slice(0, nl).trim();
        pending = pending.slice(nl + 1);
        if (!line) continue;
        const msg = JSON.parse(line) as { stream?: string; error?: string; errorDetail?: { message: string } };
        if (msg.errorDetail || msg.error) failed = msg.errorDetail?.message ?? msg.error ?? '';
        else if (msg.stream !== undefined) io.stdout(msg.stream);
      }
    }
    if (failed !== null) {
      io.stderr(`${failed}\n`);
      return 1;
    }
    return 0;
  },
};
