// Test helpers: build a tar from entries, read a tar into a map of files.
import tar from 'tar-stream';

export interface TestEntry {
  name: string;
  body?: string | Uint8Array;
  type?: 'file' | 'symlink' | 'link' | 'directory';
  linkname?: string;
  mode?: number;
}

/** Entries for crafted archives: `file('a')` (its name as its content), `symlink('l', '/')`, `link('h', 'a')`, `dir('d/', 0o700)`. */
export const tarEntry = {
  file: (name: string, body: string | Uint8Array = name): TestEntry => ({ name, body }),
  dir: (name: string, mode = 0o755): TestEntry => ({ name, type: 'directory', mode }),
  symlink: (name: string, linkname: string): TestEntry => ({ name, type: 'symlink', linkname }),
  link: (name: string, linkname: string): TestEntry => ({ name, type: 'link', linkname }),
};

export async function tarOf(entries: TestEntry[]): Promise<Uint8Array> {
  const pack = tar.pack();
  const parts: Uint8Array[] = [];
  pack.on('data', (c: unknown) => parts.push((c as Uint8Array).slice()));
  const done = new Promise<void>((r) => pack.on('end', () => r()));
  for (const e of entries) {
    pack.entry({ name: e.name, type: e.type ?? 'file', ...(e.linkname !== undefined && { linkname: e.linkname }), ...(e.mode !== undefined && { mode: e.mode }) }, e.body ?? '');
  }
  pack.finalize();
  await done;
  return concat(parts);
}

export async function untar(bytes: Uint8Array): Promise<Map<string, { type: string; body: Uint8Array }>> {
  const files = new Map<string, { type: string; body: Uint8Array }>();
  const ex = tar.extract();
  ex.on('entry', (h, s, next) => {
    const parts: Uint8Array[] = [];
    s.on('data', (c: unknown) => parts.push(c as Uint8Array));
    s.on('end', () => { files.set(h.name, { type: h.type, body: concat(parts) }); next(); });
  });
  const done = new Promise<void>((r) => ex.on('finish', () => r()));
  ex.end(bytes);
  await done;
  return files;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) { out.set(p, off); off += p.length; }
  return out;
}
