// The build context as the legacy docker CLI prepares it on the client
// (docker/cli's RunBuild and build/context.go, DOCKER_BUILDKIT=0): the
// context directory tarred without what .dockerignore excludes (the
// Dockerfile and .dockerignore always kept); a Dockerfile from outside the
// context or from stdin (`-f -`) added under a random `.dockerfile.<hex>`
// name that the .dockerignore sent along lists; or a context read from
// stdin (`docker build -`): a tar as it comes, or a Dockerfile alone.
import { concatBytes } from '../api/units.ts';
import { CliError } from './command.ts';
import { PatternError, PatternMatcher, readDockerignore } from './dockerignore.ts';
import type { WorkspaceFs } from './io.ts';
import { normalizePathPosix } from './paths.ts';
import { writeTar, type TarEntry } from './tar.ts';

export interface BuildContextRequest {
  files?: WorkspaceFs;
  cwd: string;
  /** The PATH argument: a directory, or `-` for stdin. */
  context: string;
  /** `-f`: a path (relative to cwd), `-` for stdin, or '' for the default. */
  file: string;
  readStdin(): Promise<Uint8Array>;
  /** Now, in ms (mtime of the entries the CLI makes up). */
  now: number;
}

/** The tar to send and the Dockerfile's name in it ('' lets the engine use its default). */
export interface BuildContext { tar: Uint8Array; dockerfile: string }

const MAX_ENTRIES = 200_000;
const enc = new TextEncoder();
const prepareError = (message: string): CliError => new CliError(`unable to prepare context: ${message}`, 1);

export async function prepareBuildContext(req: BuildContextRequest): Promise<BuildContext> {
  if (req.file === '-' && req.context === '-') throw new CliError("invalid argument: can't use stdin for both build context and dockerfile", 1);
  if (req.context === '-') return contextFromStdin(await req.readStdin(), req.file, req.now);
  const fs = req.files;
  const given = normalizePathPosix(req.context, req.cwd);
  let isDir: boolean | undefined;
  try { isDir = fs?.statSync(given).type === 'dir'; } catch { isDir = undefined; }
  if (!fs || isDir === undefined) {
    if (/^(https?|git):\/\//.test(req.context) || req.context.startsWith('git@')) {
      throw prepareError('only a directory of the workspace can be a build context in the playground (it has no network)');
    }
    throw prepareError(`path "${req.context}" not found`);
  }
  const dir = evalSymlinks(fs, given, 'context path');
  if (fs.lstatSync(dir).type !== 'dir') throw prepareError(`context must be a directory: ${dir}`);
  const relDockerfile = dockerfileRelPath(fs, dir, req.file === '' || req.file === '-' ? req.file : normalizePathPosix(req.file, req.cwd));
  const outside = relDockerfile.startsWith('../');
  let excludes = readExcludes(fs, dir);
  try {
    new PatternMatcher(excludes);
  } catch (e) {
    if (e instanceof PatternError) throw new CliError(`error checking context: ${e.message}`, 1);
    throw e;
  }
  excludes = trimBuildFilesFromExcludes(excludes, relDockerfile, req.file === '-');
  const entries = walkContext(fs, dir, new PatternMatcher(excludes));
  if (req.file !== '-' && !outside) return { tar: writeTar(entries), dockerfile: relDockerfile };
  const dockerfile = req.file === '-' ? await req.readStdin() : fs.readFileSync(normalizePathPosix(req.file, req.cwd));
  return addDockerfile(entries, dockerfile, req.now);
}

/** getDockerfileRelPath: where the Dockerfile is, relative to the (resolved) context directory. */
function dockerfileRelPath(fs: WorkspaceFs, dir: string, given: string): string {
  if (given === '-') return '-';
  let abs = given || `${dir}/Dockerfile`.replace('//', '/');
  if (!given && !exists(fs, abs) && exists(fs, `${dir}/dockerfile`.replace('//', '/'))) abs = `${dir}/dockerfile`.replace('//', '/');
  abs = evalSymlinks(fs, abs, 'Dockerfile path');
  return relative(dir, abs);
}

function exists(fs: WorkspaceFs, path: string): boolean {
  try { fs.lstatSync(path); return true; } catch { return false; }
}

/** Go's filepath.Rel for two clean absolute paths. */
function relative(from: string, to: string): string {
  const a = from.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/') || '.';
}

/** filepath.EvalSymlinks on an absolute path, with its errors (`lstat /x: no such file or directory`). */
function evalSymlinks(fs: WorkspaceFs, path: string, what: string): string {
  let queue = path.split('/').filter(Boolean);
  let done: string[] = [];
  for (let links = 0, steps = 0; queue.length > 0; steps++) {
    if (steps > 10_000) throw prepareError(`unable to evaluate symlinks in ${what}: EvalSymlinks: too many links`);
    const part = queue.shift()!;
    if (part === '.') continue;
    if (part === '..') { done.pop(); continue; }
    const at = `/${[...done, part].join('/')}`;
    let st;
    try { st = fs.lstatSync(at); } catch { throw prepareError(`unable to evaluate symlinks in ${what}: lstat ${at}: no such file or directory`); }
    if (st.type !== 'symlink') {
      if (st.type !== 'dir' && queue.length > 0) throw prepareError(`unable to evaluate symlinks in ${what}: not a directory`);
      done.push(part);
      continue;
    }
    if (++links > 255) throw prepareError(`unable to evaluate symlinks in ${what}: EvalSymlinks: too many links`);
    const target = fs.readlinkSync(at);
    if (target.startsWith('/')) done = [];
    queue = [...target.split('/').filter(Boolean), ...queue];
  }
  return `/${done.join('/')}`;
}

function readExcludes(fs: WorkspaceFs, dir: string): string[] {
  const path = `${dir === '/' ? '' : dir}/.dockerignore`;
  let st;
  try { st = fs.statSync(path); } catch { return []; }
  if (st.type === 'dir') throw new CliError(`read ${path}: is a directory`, 1);
  return readDockerignore(new TextDecoder().decode(fs.readFileSync(path)));
}

/** TrimBuildFilesFromExcludes: .dockerignore and the Dockerfile are sent even when excluded (the engine drops them). */
function trimBuildFilesFromExcludes(excludes: string[], dockerfile: string, fromStdin: boolean): string[] {
  const out = [...excludes];
  if (new PatternMatcher(out).matches('.dockerignore')) out.push('!.dockerignore');
  if (new PatternMatcher(out).matches(dockerfile) && !fromStdin) out.push(`!${dockerfile}`);
  return out;
}

/**
 * TarWithOptions' walk: entries in name order; an excluded directory is
 * left out, and so is all it holds unless an exception (`!dir/file`)
 * starts with its path, in which case the walk goes in without it.
 */
function walkContext(fs: WorkspaceFs, root: string, pm: PatternMatcher): TarEntry[] {
  const out: TarEntry[] = [];
  const visit = (dir: string, prefix: string, parent: boolean[] | undefined): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      if (out.length >= MAX_ENTRIES) throw new CliError(`error checking context: more than ${MAX_ENTRIES} files in the build context`, 1);
      const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
      const rel = prefix ? `${prefix}/${name}` : name;
      const st = fs.lstatSync(path);
      const { excluded, info } = pm.matchUnder(rel, parent);
      if (excluded) {
        const enter = st.type === 'dir' && pm.exclusions && pm.patterns.some((p) => p.exclusion && `${p.cleaned}/`.startsWith(`${rel}/`));
        if (enter) visit(path, rel, info);
        continue;
      }
      if (st.type === 'dir') {
        out.push({ path: rel, type: 'dir', mode: st.mode, mtimeMs: st.mtimeMs });
        visit(path, rel, info);
      } else if (st.type === 'symlink') {
        out.push({ path: rel, type: 'symlink', mode: st.mode, target: fs.readlinkSync(path), mtimeMs: st.mtimeMs });
      } else {
        out.push({ path: rel, type: 'file', mode: st.mode, data: fs.readFileSync(path), mtimeMs: st.mtimeMs });
      }
    }
  };
  visit(root, '', undefined);
  return out;
}

/**
 * AddDockerfileToBuildContext: the Dockerfile under a random name, and that
 * name appended to .dockerignore (one made up if the context has none) so
 * that the engine leaves it out of COPY. Docker appends the two in Go's
 * random map order; the size it reports can differ by their padding.
 */
function addDockerfile(entries: TarEntry[], dockerfile: Uint8Array, now: number): BuildContext {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  const name = `.dockerfile.${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
  const ignore = entries.find((e) => e.path === '.dockerignore' && e.type === 'file');
  const out = [...entries];
  if (ignore) ignore.data = concatBytes([ignore.data ?? new Uint8Array(0), enc.encode(`\n${name}\n`)]);
  else out.push({ path: '.dockerignore', type: 'file', mode: 0o600, data: enc.encode(`.dockerignore\n${name}\n`), mtimeMs: now });
  out.push({ path: name, type: 'file', mode: 0o600, data: dockerfile, mtimeMs: now });
  return { tar: writeTar(out, { unterminated: true }), dockerfile: name };
}

/** GetContextFromReader: a tar (or compressed tar) goes as it is; anything else is a Dockerfile. */
function contextFromStdin(input: Uint8Array, file: string, now: number): BuildContext {
  if (isArchive(input)) return { tar: input, dockerfile: file };
  if (file !== '') throw prepareError('ambiguous Dockerfile source: both stdin and flag correspond to Dockerfiles');
  return { tar: writeTar([{ path: 'Dockerfile', type: 'file', mode: 0o644, data: input, mtimeMs: now }]), dockerfile: 'Dockerfile' };
}

const MAGIC: number[][] = [[0x1f, 0x8b, 0x08], [0x42, 0x5a, 0x68], [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], [0x28, 0xb5, 0x2f, 0xfd]];

/** IsArchive: gzip, bzip2, xz or zstd magic, or a first tar header Go's reader takes (within the 1 KiB it peeks). */
export function isArchive(data: Uint8Array): boolean {
  if (MAGIC.some((m) => m.every((b, i) => data[i] === b))) return true;
  if (!tarHeaderOk(data, 0)) return false;
  const type = String.fromCharCode(data[156]!);
  if (type === 'x' || type === 'L' || type === 'K') return tarSize(data, 0) === 0 && tarHeaderOk(data, 512);
  return true;
}

function tarHeaderOk(data: Uint8Array, off: number): boolean {
  if (data.length < off + 512) return false;
  const block = data.subarray(off, off + 512);
  if (block.every((b) => b === 0)) return false;
  const field = new TextDecoder().decode(block.subarray(148, 156)).replace(/[\0 ]+$/, '').replace(/^[\0 ]+/, '');
  if (!/^[0-7]+$/.test(field)) return false;
  const want = parseInt(field, 8);
  let unsigned = 0;
  let signed = 0;
  block.forEach((b, i) => {
    const v = i >= 148 && i < 156 ? 32 : b;
    unsigned += v;
    signed += v > 127 ? v - 256 : v;
  });
  return want === unsigned || want === signed;
}

function tarSize(data: Uint8Array, off: number): number {
  return parseInt(new TextDecoder().decode(data.subarray(off + 124, off + 136)).replace(/[\0 ]/g, '') || '0', 8);
}
