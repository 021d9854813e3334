// nginx's configuration language: directives with arguments, ending in `;`
// or opening a `{ block }`, comments, quotes, and `include` (with globs)
// read from the container filesystem. Errors carry nginx's wording and the
// file:line they point at.
import { basename, dirname, normalizePath } from '../../fs/path.ts';
import type { TreeFs } from '../../fs/tree-fs.ts';

export interface Directive {
  name: string;
  args: string[];
  block: Directive[] | null;
  file: string;
  line: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const MAX_INCLUDE_DEPTH = 16;
const MAX_TOKENS = 200_000;

type Token = { t: 'word'; v: string; line: number } | { t: '{' | '}' | ';'; line: number };

function tokenize(text: string, file: string): Token[] {
  const out: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    if (out.length > MAX_TOKENS) throw new ConfigError(`too many tokens in ${file}`);
    const c = text[i]!;
    if (c === '\n') { line++; i++; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (c === '#') { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (c === '{' || c === '}' || c === ';') { out.push({ t: c, line }); i++; continue; }
    if (c === '"' || c === "'") {
      let v = '';
      const start = line;
      i++;
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < text.length) { v += text[i + 1]; i += 2; continue; }
        if (text[i] === '\n') line++;
        v += text[i++];
      }
      if (i >= text.length) throw new ConfigError(`unexpected end of file, expecting ";" or "}" in ${file}:${start}`);
      i++;
      out.push({ t: 'word', v, line: start });
      continue;
    }
    let v = '';
    while (i < text.length && !/[\s;{}]/.test(text[i]!)) {
      if (text[i] === '\\' && i + 1 < text.length) { v += text[i + 1]; i += 2; continue; }
      v += text[i++];
    }
    out.push({ t: 'word', v, line });
  }
  return out;
}

/** Files an include pattern names (only `*` in the last component, as nginx's glob). */
function includeTargets(fs: TreeFs, pattern: string): string[] {
  if (!pattern.includes('*')) return [pattern];
  const dir = dirname(pattern);
  const re = new RegExp(`^${basename(pattern).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  let names: string[];
  try { names = fs.readdirSync(dir); } catch { return []; }
  return names.filter((n) => re.test(n)).sort().map((n) => `${dir}/${n}`);
}

/** Reads and parses a configuration file, following includes. */
export function parseConfig(fs: TreeFs, file: string, depth = 0): Directive[] {
  if (depth > MAX_INCLUDE_DEPTH) throw new ConfigError(`too deep includes in ${file}`);
  let text: string;
  try { text = new TextDecoder().decode(fs.readFileSync(file)); } catch {
    throw new ConfigError(`open() "${file}" failed (2: No such file or directory)`);
  }
  return parseConfigText(fs, text, file, depth);
}

/** Parses configuration text (a file's, or -g's directives); includes are read from `fs`. */
export function parseConfigText(fs: TreeFs, text: string, file: string, depth = 0): Directive[] {
  const toks = tokenize(text, file);
  let i = 0;
  const block = (inside: boolean): Directive[] => {
    const list: Directive[] = [];
    for (;;) {
      const t = toks[i];
      if (!t) {
        if (inside) throw new ConfigError(`unexpected end of file, expecting "}" in ${file}:${toks[toks.length - 1]?.line ?? 1}`);
        return list;
      }
      if (t.t === '}') {
        if (!inside) throw new ConfigError(`unexpected "}" in ${file}:${t.line}`);
        i++;
        return list;
      }
      if (t.t !== 'word') throw new ConfigError(`unexpected "${t.t}" in ${file}:${t.line}`);
      const name = t.v;
      const args: string[] = [];
      i++;
      for (;;) {
        const a = toks[i];
        if (!a) throw new ConfigError(`unexpected end of file, expecting ";" or "}" in ${file}:${t.line}`);
        if (a.t === 'word') { args.push(a.v); i++; continue; }
        if (a.t === ';') {
          i++;
          if (name === 'include') {
            if (args.length !== 1) throw new ConfigError(`invalid number of arguments in "include" directive in ${file}:${t.line}`);
            const pattern = normalizePath(args[0]!, '/etc/nginx');
            for (const target of includeTargets(fs, pattern)) {
              // mime.types ships as sized data in the image, not text: its types are built in.
              if (basename(target) === 'mime.types') { list.push({ name: 'types', args: [], block: [], file: target, line: 1 }); continue; }
              list.push(...parseConfig(fs, target, depth + 1));
            }
          } else {
            list.push({ name, args, block: null, file, line: t.line });
          }
          break;
        }
        if (a.t === '{') {
          i++;
          list.push({ name, args, block: block(true), file, line: t.line });
          break;
        }
        throw new ConfigError(`unexpected "}" in ${file}:${a.line}`);
      }
    }
  };
  return block(false);
}
