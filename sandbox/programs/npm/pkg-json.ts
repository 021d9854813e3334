// Reading and saving package.json the way @npmcli/package-json does: parse
// errors and a missing file become npm's EJSONPARSE / ENOENT errors, a save
// keeps the file's indentation and line endings and ends with a newline,
// and dependency lists are written sorted, empty ones dropped.
import type { TreeFs } from '../../fs/tree-fs.ts';
import { NpmError } from './errors.ts';
import type { Manifest } from './tree.ts';

export interface PackageFile {
  content: Manifest;
  indent: string;
  newline: string;
}

const dec = new TextDecoder();

/** Reads `<dir>/package.json`; throws npm's ENOENT or EJSONPARSE error. */
export function readPackageJson(fs: TreeFs, dir: string): PackageFile {
  const path = `${dir === '/' ? '' : dir}/package.json`;
  let text: string;
  try {
    text = dec.decode(fs.readFileSync(path));
  } catch {
    throw new NpmError('ENOENT', [['enoent', `Could not read package.json: Error: ENOENT: no such file or directory, open '${path}'`]],
      [['enoent', 'This is related to npm not being able to find a file.\n']])
      .with('syscall', 'open').with('path', path).with('errno', '-2').exit(254);
  }
  return parsePackageJson(text, path);
}

/** Parses package.json text (a BOM is ignored, as npm does). */
export function parsePackageJson(text: string, path: string): PackageFile {
  const body = text.replace(/^\uFEFF/, '');
  let content: unknown;
  try {
    content = JSON.parse(body);
  } catch (e) {
    throw new NpmError('EJSONPARSE', [['JSON.parse', parseMessage((e as Error).message, body)]],
      [['JSON.parse', 'Failed to parse JSON data.\nNote: package.json must be actual JSON, not just JavaScript.']])
      .with('path', path);
  }
  if (content === null || typeof content !== 'object' || Array.isArray(content)) {
    throw new NpmError('EJSONPARSE', [['JSON.parse', `Expected an object in ${path}`]], [['JSON.parse', 'Failed to parse JSON data.\nNote: package.json must be actual JSON, not just JavaScript.']]).with('path', path);
  }
  return { content: content as Manifest, ...formatOf(body) };
}

/**
 * The indentation and line ending a JSON file is written with, as
 * json-parse-even-better-errors reads them: those after the opening brace;
 * none for a one-line file; two spaces and \n for `{}`.
 */
export function formatOf(text: string): { indent: string; newline: string } {
  const m = /^(?:\{\}|\[\])((?:\r?\n)+)?$/.exec(text) ?? /^\s*[{[]((?:\r?\n)+)([\s\t]*)/.exec(text) ?? [null, '', ''];
  return { newline: m[1] ?? '\n', indent: m[2] ?? '  ' };
}

/** json-parse-even-better-errors' message: the engine's, the bad token spelled out, and the text around the position. */
function parseMessage(msg: string, txt: string): string {
  if (!txt) return `${msg} while parsing empty string`;
  const token = /^Unexpected token '?(.)'?(,)? /i.exec(msg);
  if (token) {
    const h = token[1]!.charCodeAt(0).toString(16).toUpperCase();
    msg = msg.replace(/^Unexpected token '?(.)'?(,)? /i, `Unexpected token ${JSON.stringify(token[1])} (0x${h.length % 2 ? '0' : ''}${h})$2 `);
  }
  const at = / position\s+(\d+)/i.exec(msg);
  const idx = at ? Number(at[1]) : /^Unexpected end of JSON/i.test(msg) ? txt.length - 1 : null;
  if (idx === null) return `${msg} while parsing '${txt.slice(0, 40)}'`;
  const start = idx <= 20 ? 0 : idx - 20;
  const end = idx + 20 >= txt.length ? txt.length : idx + 20;
  const slice = `${start ? '...' : ''}${txt.slice(start, end)}${end === txt.length ? '' : '...'}`;
  return `${msg} while parsing ${txt === slice ? '' : 'near '}${JSON.stringify(slice)}`;
}

export const DEP_TYPES = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

/** Writes package.json back: dependency lists sorted (localeCompare 'en'), empty ones removed, the file's own indent and newline; unchanged content is not rewritten. */
export function writePackageJson(fs: TreeFs, dir: string, file: PackageFile, uid: number, gid: number): void {
  const content: Manifest = { ...file.content };
  // update-dependencies.js: optional dependencies are not repeated in dependencies.
  if (content.dependencies && content.optionalDependencies) {
    content.dependencies = { ...content.dependencies };
    for (const name of Object.keys(content.optionalDependencies)) delete content.dependencies[name];
  }
  for (const type of DEP_TYPES) {
    const deps = content[type];
    if (!deps || typeof deps !== 'object') continue;
    if (Object.keys(deps).length === 0) { delete content[type]; continue; }
    content[type] = Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b, 'en')));
  }
  const text = JSON.stringify(content, null, file.indent) + '\n';
  const path = `${dir === '/' ? '' : dir}/package.json`;
  const exists = fs.existsSync(path);
  const out = file.newline === '\n' ? text : text.replace(/\n/g, file.newline);
  // @npmcli/package-json leaves the file alone when only surrounding whitespace would change.
  if (exists && dec.decode(fs.readFileSync(path)).trim() === out.trim()) return;
  fs.writeFileSync(path, out, exists ? {} : { mode: 0o644, uid, gid });
}

/** `name@version` when both are set (read-package-json's _id). */
export function packageId(pkg: Manifest): string | null {
  return pkg.name && pkg.version ? `${pkg.name}@${pkg.version}` : null;
}
