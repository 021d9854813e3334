// What an ES module sees of a CommonJS module before running it, found as
// Node finds it with cjs-module-lexer (the grammar in its README): the
// names a file assigns on `exports` / `module.exports` (`exports.a =`,
// `exports['b'] =`, `Object.defineProperty(exports, 'c', { value | plain
// getter })`, `module.exports = { d, e: f, 'g': h }`), and the modules it
// re-exports (`module.exports = require('x')`, `...require('y')` in that
// object, TypeScript's `__exportStar(require('z'))`, Babel's
// `Object.keys(_w).forEach(…)` over `var _w = require('w')`). No scope
// analysis, as there: a renamed `exports` is not seen, a dead branch is.
//
// moduleSyntax() says whether a source has ES module syntax (import or export
// declarations, import.meta, a top-level await): Node's detection of the
// module type of a .js file that no package.json "type" decides.

type Kind = 'id' | 'str' | 'num' | 'punc' | 'tpl' | 're';
interface Token { kind: Kind; value: string; depth: number; at: number }

/** Keywords after which a `/` starts a regular expression, not a division. */
const BEFORE_EXPRESSION = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);
const PUNCTUATORS = ['>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=', '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**', '<<', '>>'];
const ID_START = /[\p{ID_Start}$_\\]/u;
const ID_PART = /[\p{ID_Continue}$\u200c\u200d\\]/u;

/** The tokens of a JavaScript source, each with the bracket depth it is at; comments and whitespace dropped. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  /** Open brackets; 't' marks a template's `${`. */
  const stack: string[] = [];
  let i = 0;
  let at = 0;
  const n = src.length;
  const push = (kind: Kind, value: string): void => { out.push({ kind, value, depth: stack.length, at }); };
  // A template from just after a '`' or a '}' closing its `${`: to its end, or into its next `${`.
  const template = (): void => {
    while (i < n) {
      const c = src[i]!;
      if (c === '\\') { i += 2; continue; }
      if (c === '`') { i++; push('tpl', '`'); return; }
      if (c === '$' && src[i + 1] === '{') { i += 2; stack.push('t'); return; }
      i++;
    }
  };
  while (i < n) {
    const c = src[i]!;
    at = i;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff' || c === '\u2028' || c === '\u2029') { i++; continue; }
    if (c === '/' && src[i + 1] === '/') { while (i < n && src[i] !== '\n' && src[i] !== '\r') i++; continue; }
    if (c === '/' && src[i + 1] === '*') { const end = src.indexOf('*/', i + 2); i = end === -1 ? n : end + 2; continue; }
    if (c === '#' && i === 0 && src[1] === '!') { while (i < n && src[i] !== '\n') i++; continue; }
    if (c === '"' || c === "'") {
      let value = '';
      i++;
      while (i < n && src[i] !== c && src[i] !== '\n') {
        if (src[i] === '\\') { value += unescape(src[i + 1] ?? ''); i += 2; continue; }
        value += src[i++];
      }
      i++;
      push('str', value);
      continue;
    }
    if (c === '`') { i++; template(); continue; }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const start = i;
      while (i < n && /[0-9a-zA-Z_.]/.test(src[i]!)) i++;
      push('num', src.slice(start, i));
      continue;
    }
    if (ID_START.test(c) || c.charCodeAt(0) >= 0xd800) {
      const start = i;
      i++;
      while (i < n && (ID_PART.test(src[i]!) || src.charCodeAt(i) >= 0xd800)) i++;
      push('id', src.slice(start, i));
      continue;
    }
    if (c === '/') {
      const prev = out[out.length - 1];
      const division = prev !== undefined && (prev.kind === 'num' || prev.kind === 'str' || prev.kind === 'tpl' || prev.kind === 're'
        || (prev.kind === 'id' && !BEFORE_EXPRESSION.has(prev.value)) || (prev.kind === 'punc' && (prev.value === ')' || prev.value === ']' || prev.value === '}')));
      if (!division) {
        const start = i;
        let inClass = false;
        i++;
        while (i < n && src[i] !== '\n') {
          const r = src[i]!;
          if (r === '\\') { i += 2; continue; }
          if (r === '[') inClass = true;
          else if (r === ']') inClass = false;
          else if (r === '/' && !inClass) break;
          i++;
        }
        i++;
        while (i < n && /[a-z]/.test(src[i]!)) i++;
        push('re', src.slice(start, i));
        continue;
      }
    }
    if (c === '(' || c === '[' || c === '{') { push('punc', c); stack.push(c); i++; continue; }
    if (c === ')' || c === ']' || c === '}') {
      const open = stack.pop();
      i++;
      if (open === 't') { template(); continue; }
      push('punc', c);
      continue;
    }
    const long = PUNCTUATORS.find((p) => src.startsWith(p, i));
    const p = long ?? c;
    i += p.length;
    push('punc', p);
  }
  return out;
}

function unescape(c: string): string {
  switch (c) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case '0': return '\0';
    default: return c;
  }
}

/** What cjs-module-lexer finds in a CommonJS source: export names and re-exported specifiers. */
export interface CjsExports { exports: string[]; reexports: string[] }

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

/** The named exports and re-exports of a CommonJS module's source, as Node's cjs-module-lexer reads them. */
export function cjsExports(source: string): CjsExports {
  const t = tokenize(source);
  const exports = new Set<string>();
  const unsafeGetters = new Set<string>();
  let reexports: string[] = [];
  const starReexports: string[] = [];
  /** `var _x = require('y')` at the top level: _x → y (for Babel's Object.keys re-export). */
  const requireVars = new Map<string, string>();
  const is = (k: number, value: string): boolean => t[k] !== undefined && t[k]!.kind !== 'str' && t[k]!.value === value;
  const isId = (k: number): boolean => t[k]?.kind === 'id';
  /** `require ( 'x' )` at k: the specifier, or null. */
  const requireAt = (k: number): string | null => (is(k, 'require') && is(k + 1, '(') && t[k + 2]?.kind === 'str' && is(k + 3, ')') ? t[k + 2]!.value : null);
  /** `exports` or `module.exports` at k: the index after it, or -1. */
  const exportsAt = (k: number): number => {
    if (is(k, 'module') && is(k + 1, '.') && is(k + 2, 'exports') && !is(k - 1, '.')) return k + 3;
    if (is(k, 'exports') && !is(k - 1, '.')) return k + 1;
    return -1;
  };
  for (let k = 0; k < t.length; k++) {
    const tok = t[k]!;
    if (tok.kind !== 'id') continue;
    // Object.defineProperty(exports, 'name', { … })
    if (tok.value === 'Object' && is(k + 1, '.') && is(k + 2, 'defineProperty') && is(k + 3, '(') && !is(k - 1, '.')) {
      const after = exportsAt(k + 4);
      if (after !== -1 && is(after, ',') && t[after + 1]?.kind === 'str' && is(after + 2, ',')) {
        const name = t[after + 1]!.value;
        const end = definePropertyValue(t, after + 3);
        if (end !== -1) { exports.add(name); unsafeGetters.delete(name); } else if (!exports.has(name)) unsafeGetters.add(name);
      }
      continue;
    }
    // Object.keys(_x).forEach(function (key) { … exports[key] = _x[key] … })
    if (tok.value === 'Object' && is(k + 1, '.') && is(k + 2, 'keys') && is(k + 3, '(') && isId(k + 4) && is(k + 5, ')') && is(k + 6, '.') && is(k + 7, 'forEach') && tok.depth === 0) {
      const from = requireVars.get(t[k + 4]!.value);
      if (from !== undefined && babelStar(t, k + 8, t[k + 4]!.value)) starReexports.push(from);
      continue;
    }
    // var _x = require('y') at the top level
    if ((tok.value === 'var' || tok.value === 'const' || tok.value === 'let') && tok.depth === 0 && isId(k + 1) && is(k + 2, '=')) {
      const spec = requireAt(k + 3);
      if (spec !== null) requireVars.set(t[k + 1]!.value, spec);
      continue;
    }
    // __export(require('x')) / __exportStar(require('x'), exports) / tslib.__exportStar(…)
    if ((tok.value === '__export' || tok.value === '__exportStar') && is(k + 1, '(') && (tok.depth === 0 || (tok.depth === 1 && is(k - 2, 'tslib')))) {
      const spec = requireAt(k + 2);
      if (spec !== null) starReexports.push(spec);
      continue;
    }
    const after = exportsAt(k);
    if (after === -1) continue;
    // exports.name = … / exports['name'] = …
    if (is(after, '.') && isId(after + 1) && is(after + 2, '=')) { exports.add(t[after + 1]!.value); continue; }
    if (is(after, '[') && t[after + 1]?.kind === 'str' && is(after + 2, ']') && is(after + 3, '=')) { exports.add(t[after + 1]!.value); continue; }
    if (after !== k + 3 || !is(after, '=')) continue;
    // module.exports = require('x') / module.exports = { … }
    const spec = requireAt(after + 1);
    if (spec !== null) { reexports = [spec]; continue; }
    if (is(after + 1, '{')) {
      reexports = [];
      objectLiteral(t, after + 2, exports, reexports, requireAt);
    }
  }
  for (const name of unsafeGetters) exports.delete(name);
  return { exports: [...exports], reexports: [...reexports, ...starReexports] };
}

/** `{ (enumerable: true,)? (value: | get…return IDENTIFIER(.IDENTIFIER|['x'])? ;? }) }`: the index after it, or -1. */
function definePropertyValue(t: Token[], k: number): number {
  const is = (j: number, v: string): boolean => t[j] !== undefined && t[j]!.kind !== 'str' && t[j]!.value === v;
  if (!is(k, '{')) return -1;
  let j = k + 1;
  if (is(j, 'enumerable') && is(j + 1, ':') && is(j + 2, 'true') && is(j + 3, ',')) j += 4;
  if (is(j, 'value') && is(j + 1, ':')) return j + 2;
  if (!is(j, 'get')) return -1;
  j++;
  if (is(j, ':') && is(j + 1, 'function')) { j += 2; if (t[j]?.kind === 'id' && !is(j, '(')) j++; }
  if (!is(j, '(') || !is(j + 1, ')') || !is(j + 2, '{') || !is(j + 3, 'return') || t[j + 4]?.kind !== 'id') return -1;
  j += 5;
  if (is(j, '.') && t[j + 1]?.kind === 'id') j += 2;
  else if (is(j, '[') && t[j + 1]?.kind === 'str' && is(j + 2, ']')) j += 3;
  if (is(j, ';')) j++;
  return is(j, '}') ? j + 1 : -1;
}

/** `module.exports = { a, 'b': c, d: e, ...require('f') }` from just inside the brace: names until something else. */
function objectLiteral(t: Token[], k: number, exports: Set<string>, reexports: string[], requireAt: (k: number) => string | null): void {
  const is = (j: number, v: string): boolean => t[j] !== undefined && t[j]!.kind !== 'str' && t[j]!.value === v;
  let j = k;
  while (j < t.length && !is(j, '}')) {
    if (is(j, '...')) {
      const spec = requireAt(j + 1);
      if (spec !== null) { reexports.push(spec); j += 5; } else if (t[j + 1]?.kind === 'id') j += 2;
      else return;
    } else if (t[j]?.kind === 'id' && (is(j + 1, ',') || is(j + 1, '}'))) {
      exports.add(t[j]!.value);
      j++;
    } else if ((t[j]?.kind === 'id' || (t[j]?.kind === 'str' && IDENTIFIER.test(t[j]!.value))) && is(j + 1, ':') && t[j + 2]?.kind === 'id' && (is(j + 3, ',') || is(j + 3, '}'))) {
      exports.add(t[j]!.value);
      j += 3;
    } else {
      return;
    }
    if (is(j, ',')) j++;
  }
}

/** Babel's `.forEach(function (key) { … exports[key] = _x[key] … })` from the '(' after forEach. */
function babelStar(t: Token[], k: number, source: string): boolean {
  const is = (j: number, v: string): boolean => t[j] !== undefined && t[j]!.kind !== 'str' && t[j]!.value === v;
  if (!is(k, '(') || !is(k + 1, 'function') || !is(k + 2, '(') || t[k + 3]?.kind !== 'id' || !is(k + 4, ')') || !is(k + 5, '{')) return false;
  const key = t[k + 3]!.value;
  const depth = t[k + 5]!.depth;
  for (let j = k + 6; j < t.length && !(is(j, '}') && t[j]!.depth === depth); j++) {
    // exports[key] = _x[key]   or   Object.defineProperty(exports, key, { enumerable: true, get: function () { return _x[key]; } })
    if (is(j, key) && is(j + 1, ']') && is(j + 2, '=') && is(j + 3, source) && is(j + 4, '[') && is(j + 5, key)) return true;
    if (is(j, 'return') && is(j + 1, source) && is(j + 2, '[') && is(j + 3, key) && is(j + 4, ']')) return true;
  }
  return false;
}

/**
 * Whether a source has ES module syntax: an import declaration (not import()),
 * import.meta, an export declaration, or — `loose` — an `await` outside any
 * function Node would take for a top-level await (any await at bracket depth
 * 0; with `loose`, any await at all: for a source that already failed to
 * compile as CommonJS).
 */
export function moduleSyntax(source: string, loose = false): boolean {
  if (!/\b(import|export|await)\b/.test(source)) return false;
  const t = tokenize(source);
  for (let k = 0; k < t.length; k++) {
    const tok = t[k]!;
    if (tok.kind !== 'id') continue;
    const prev = t[k - 1];
    const next = t[k + 1];
    if (prev?.kind === 'punc' && (prev.value === '.' || prev.value === '?.')) continue;
    if (next?.kind === 'punc' && next.value === ':' && !loose) continue;
    if (tok.value === 'import') {
      if (next === undefined) continue;
      if (next.kind === 'punc' && next.value === '.' && t[k + 2]?.value === 'meta') return true;
      if (tok.depth === 0 && (next.kind === 'id' || next.kind === 'str' || (next.kind === 'punc' && (next.value === '{' || next.value === '*')))) return true;
    } else if (tok.value === 'export') {
      if (tok.depth === 0 && next !== undefined && (next.kind === 'id' || (next.kind === 'punc' && (next.value === '{' || next.value === '*')))) return true;
    } else if (tok.value === 'await') {
      if (loose || tok.depth === 0) return true;
    }
  }
  return false;
}

/** Where a source's first top-level await is (an offset), or -1. */
export function topLevelAwait(source: string): number {
  for (const tok of tokenize(source)) if (tok.kind === 'id' && tok.value === 'await' && tok.depth === 0) return tok.at;
  return -1;
}
