// Unpacking a package tarball into its node_modules folder as pacote does
// (node-tar with strip: 1): gunzip (the host's, capped), then every regular
// file is written below the folder with its first path component (usually
// `package/`) dropped; directories are made as files need them; links,
// devices and names with `..` are skipped; file modes are the entry's, at
// least rw-r--r--, executable for the package's bins, less the umask; files
// belong to the user npm runs as and get the install time, not the
// tarball's; a `.gitignore` becomes `.npmignore` unless there is one.
// A small ustar/pax/GNU reader over the whole buffer is enough here, and
// much lighter than streaming each entry.
import { dirname } from '../../fs/path.ts';
import type { TreeFs } from '../../fs/tree-fs.ts';
import { gunzip, GzipError } from '../../layer/gzip.ts';
import { NpmError } from './errors.ts';

export interface UnpackOptions {
  uid: number;
  gid: number;
  /** Paths (relative to the package, normalized) of the package's bins: made executable. */
  bins?: ReadonlySet<string>;
  umask?: number;
  /** Bounds on what one tarball may unpack to. */
  maxBytes?: number;
  maxEntries?: number;
}

export interface UnpackResult {
  files: number;
  bytes: number;
}

const dec = new TextDecoder();
const str = (b: Uint8Array, off: number, len: number): string => {
  const s = b.subarray(off, off + len);
  const end = s.indexOf(0);
  return dec.decode(end < 0 ? s : s.subarray(0, end));
};
const octal = (b: Uint8Array, off: number, len: number): number => {
  if (b[off]! & 0x80) { // GNU base-256
    let n = 0;
    for (let i = off + 1; i < off + len; i++) n = n * 256 + b[i]!;
    return n;
  }
  const s = str(b, off, len).trim();
  return s ? parseInt(s, 8) : 0;
};

/** The pax records of an extended header (`<len> key=value\n`…): `<len>` counts bytes, so records are cut before decoding. */
function paxRecords(data: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  for (let n = 0; i < data.length && n < 10_000; n++) {
    const sp = data.indexOf(0x20, i);
    if (sp < 0) break;
    const len = parseInt(dec.decode(data.subarray(i, sp)), 10);
    if (!(len > 0) || i + len > data.length) break;
    const rec = dec.decode(data.subarray(sp + 1, i + len - 1));
    const eq = rec.indexOf('=');
    if (eq > 0) out.set(rec.slice(0, eq), rec.slice(eq + 1));
    i += len;
  }
  return out;
}

/** Unpacks a .tgz into `dir` (which must exist). Throws npm's TAR_BAD_ARCHIVE error for what is not a gzipped tar. */
export async function unpackTarball(fs: TreeFs, dir: string, tgz: Uint8Array, opts: UnpackOptions): Promise<UnpackResult> {
  const maxBytes = opts.maxBytes ?? 256 * 1024 * 1024;
  let tar: Uint8Array;
  try {
    tar = await gunzip(tgz, maxBytes);
  } catch (e) {
    throw badArchive(e instanceof GzipError ? e.message : String(e));
  }
  const umask = opts.umask ?? 0o022;
  const made = new Set<string>([dir]);
  const mkdirs = (path: string): void => {
    if (made.has(path)) return;
    const parent = dirname(path);
    mkdirs(parent);
    if (!fs.existsSync(path)) fs.mkdirSync(path, { mode: 0o777 & ~umask, uid: opts.uid, gid: opts.gid });
    made.add(path);
  };
  const seen = new Set<string>();
  let files = 0;
  let bytes = 0;
  let longName: string | null = null;
  let pax = new Map<string, string>();
  let global = new Map<string, string>();
  const maxEntries = opts.maxEntries ?? 100_000;
  for (let off = 0, n = 0; off + 512 <= tar.length; n++) {
    if (n > maxEntries) throw badArchive(`more than ${maxEntries} entries`);
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const size = octal(h, 124, 12);
    const type = String.fromCharCode(h[156]!);
    const dataStart = off + 512;
    const dataEnd = dataStart + size;
    if (dataEnd > tar.length) throw badArchive('unexpected end of data');
    off = dataStart + Math.ceil(size / 512) * 512;
    const data = tar.subarray(dataStart, dataEnd);
    if (type === 'x') { pax = paxRecords(data); continue; }
    if (type === 'g') { global = paxRecords(data); continue; }
    if (type === 'L') { longName = str(data, 0, data.length); continue; }
    const prefix = dec.decode(h.subarray(257, 263)).startsWith('ustar') ? str(h, 345, 155) : '';
    const name = pax.get('path') ?? global.get('path') ?? longName ?? (prefix ? `${prefix}/${str(h, 0, 100)}` : str(h, 0, 100));
    const mode = octal(h, 100, 8);
    pax = new Map();
    longName = null;
    if (type !== '0' && type !== '\0' && type !== '7') continue;
    const parts = name.split('/').filter((p) => p !== '' && p !== '.');
    if (parts.length < 2 || parts.includes('..')) continue;
    let rel = parts.slice(1).join('/');
    const base = parts[parts.length - 1]!;
    if (base === '.npmignore') seen.add(rel);
    if (base === '.gitignore') {
      const renamed = rel.replace(/\.gitignore$/, '.npmignore');
      if (seen.has(renamed)) continue;
      rel = renamed;
    }
    bytes += size;
    if (bytes > maxBytes) throw badArchive(`unpacks to more than ${maxBytes} bytes`);
    const path = `${dir}/${rel}`;
    mkdirs(dirname(path));
    const exe = opts.bins?.has(rel) ? 0o111 : 0;
    const fileMode = (((mode & 0o777) | 0o666 | exe | 0o600) & ~umask) & 0o777;
    fs.writeFileSync(path, data.slice(), { mode: fileMode, uid: opts.uid, gid: opts.gid });
    files++;
  }
  return { files, bytes };
}

function badArchive(why: string): NpmError {
  return new NpmError('TAR_BAD_ARCHIVE', [['', `TAR_BAD_ARCHIVE: Unrecognized archive format (${why})`]]);
}
