// npm pkg get|set|delete (lib/commands/pkg.js): reads and edits package.json
// by key paths as npm's Queryable does (`scripts.start`, `files[0]`,
// `keywords[]` to append). get prints JSON (one key: its value; missing:
// {}); set takes key=value pairs (values parsed as JSON with --json); the
// file keeps its indentation and line endings.
import { NpmError, usageError } from '../errors.ts';
import { writePackageJson } from '../pkg-json.ts';
import { readProject } from '../project.ts';
import type { Session } from '../session.ts';
import { usageOf } from '../usage.ts';

type Seg = string | number | null; // null: append ([])

/** `a.b[0].c` → ['a', 'b', 0, 'c']; `a[]` → ['a', null]. */
function parseKey(key: string): Seg[] {
  const out: Seg[] = [];
  for (const part of key.split('.')) {
    const m = /^([^[\]]*)((?:\[\d*\])*)$/.exec(part);
    if (!m) throw new NpmError('EINVALIDKEY', [['', `Invalid key: ${key}`]]);
    if (m[1]) out.push(m[1]);
    for (const idx of m[2]!.match(/\[\d*\]/g) ?? []) out.push(idx === '[]' ? null : Number(idx.slice(1, -1)));
  }
  if (out.length === 0) throw new NpmError('EINVALIDKEY', [['', `Invalid key: ${key}`]]);
  return out;
}

function getAt(obj: unknown, path: Seg[]): unknown {
  let cur = obj;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || seg === null) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

function setAt(obj: Record<string, unknown>, path: Seg[], value: unknown, force: boolean): void {
  let cur: Record<string | number, unknown> | unknown[] = obj;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    const next = path[i + 1];
    const make = (): unknown => (typeof next === 'number' || next === null ? [] : {});
    if (seg === null) {
      if (!Array.isArray(cur)) throw new NpmError('EOVERRIDEVALUE', [['', 'Can not append to a non-array value']]);
      if (last) { cur.push(value); return; }
      const child = make();
      cur.push(child);
      cur = child as Record<string, unknown>;
      continue;
    }
    const holder = cur as Record<string | number, unknown>;
    if (last) {
      const existing = holder[seg];
      if (!force && existing !== undefined && existing !== null && typeof existing === 'object' && (typeof value !== 'object' || value === null)) {
        throw new NpmError('EOVERRIDEVALUE', [['', `Property ${String(seg)} already exists and is an object or array; use --force to replace it`]]);
      }
      holder[seg] = value;
      return;
    }
    if (holder[seg] === undefined || holder[seg] === null || typeof holder[seg] !== 'object') holder[seg] = make();
    cur = holder[seg] as Record<string, unknown>;
  }
}

function deleteAt(obj: unknown, path: Seg[]): void {
  const parent = getAt(obj, path.slice(0, -1));
  const seg = path[path.length - 1];
  if (parent === null || typeof parent !== 'object' || seg === null || seg === undefined) return;
  if (Array.isArray(parent) && typeof seg === 'number') parent.splice(seg, 1);
  else delete (parent as Record<string | number, unknown>)[seg];
}

export async function pkg(s: Session, args: string[]): Promise<number> {
  const usage = usageOf('pkg')!;
  const [sub, ...rest] = args;
  const file = readProject(s);
  switch (sub) {
    case 'get': {
      let result: unknown = file!.content;
      if (rest.length) {
        const found: Record<string, unknown> = {};
        for (const key of rest) { const v = getAt(file!.content, parseKey(key)); if (v !== undefined) found[key] = v; }
        result = Object.keys(found).length === 1 ? found[rest.join(',')] ?? found : found;
      }
      await s.out(JSON.stringify(result, null, 2));
      return 0;
    }
    case 'set': {
      if (!rest.length) throw usageError('npm pkg set expects a key=value pair of args.', usage);
      const content = structuredClone(file!.content) as Record<string, unknown>;
      for (const arg of rest) {
        const [key, ...value] = arg.split('=');
        if (!key || !value.join('=')) throw usageError('npm pkg set expects a key=value pair of args.', usage);
        let v: unknown = value.join('=');
        if (s.config.bool('json')) {
          try { v = JSON.parse(String(v)); } catch (e) { throw new NpmError('EJSONPARSE', [['', `Unexpected value for ${key}: ${(e as Error).message}`]]); }
        }
        setAt(content, parseKey(key), v, s.config.bool('force'));
      }
      writePackageJson(s.p.fs, s.prefix, { ...file!, content }, s.uid, s.gid);
      return 0;
    }
    case 'delete': {
      if (!rest.length) throw usageError('npm pkg delete expects key args.', usage);
      const content = structuredClone(file!.content);
      for (const key of rest) deleteAt(content, parseKey(key));
      writePackageJson(s.p.fs, s.prefix, { ...file!, content }, s.uid, s.gid);
      return 0;
    }
    default:
      throw usageError('', usage);
  }
}
