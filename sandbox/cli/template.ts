// The Go text/template subset `--format` users write: {{.Field.Sub}},
// {{json .}}, {{json .Config.Env}}, {{join .List ","}}, {{upper}},
// {{lower}}, {{println}}, {{range .List}}…{{end}}, and the `table` prefix
// (a header row, then aligned columns); `\t` in the format is a tab.
import { tabwrite } from './table.ts';

type Value = unknown;

function field(root: Value, path: string): Value {
  if (path === '.' || path === '') return root;
  let cur: Value = root;
  for (const part of path.replace(/^\./, '').split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, Value>)[part];
  }
  return cur;
}

function show(v: Value): string {
  if (v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(show).join(' ')}]`;
  if (typeof v === 'object') return `map[${Object.entries(v as Record<string, Value>).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => `${k}:${show(x)}`).join(' ')}]`;
  return String(v);
}

/** An argument: a string or number literal (`"key"`, `0`), else a field (`.RootFS.Layers`). */
const literalOrField = (dot: Value) => (w: string): Value =>
  w.startsWith('"') ? JSON.parse(w) as string : /^-?\d+$/.test(w) ? Number(w) : field(dot, w);

/** Go's `index x 1 2`: x[1][2]; a slice index out of range is an error, a missing map key is no value. */
function indexInto(x: Value, keys: Value[]): Value {
  let cur = x;
  for (const k of keys) {
    if (Array.isArray(cur)) {
      if (typeof k !== 'number') throw new Error(`error calling index: cannot index slice/array with type ${typeof k}`);
      if (k < 0 || k >= cur.length) throw new Error(`error calling index: index out of range: ${k}`);
      cur = cur[k];
    } else if (cur !== null && typeof cur === 'object') {
      cur = (cur as Record<string, Value>)[String(k)];
    } else {
      return undefined;
    }
  }
  return cur;
}

function evalExpr(expr: string, dot: Value): Value {
  const parts = expr.trim().split('|').map((s) => s.trim());
  let value: Value = undefined;
  parts.forEach((part, i) => {
    const words = part.match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
    const args = words.slice(1).map(literalOrField(dot));
    if (i > 0) args.push(value);
    const head = words[0] ?? '';
    if (head.startsWith('.')) { value = field(dot, head); return; }
    switch (head) {
      case 'json': value = `${JSON.stringify(args[0] ?? null)}`; break;
      case 'join': value = Array.isArray(args[0]) ? (args[0] as Value[]).map(show).join(String(args[1] ?? '')) : show(args[0]); break;
      case 'upper': value = show(args[0]).toUpperCase(); break;
      case 'lower': value = show(args[0]).toLowerCase(); break;
      case 'title': value = show(args[0]).replace(/\b\w/g, (c) => c.toUpperCase()); break;
      case 'println': value = `${args.map(show).join(' ')}\n`; break;
      case 'len': value = Array.isArray(args[0]) ? args[0].length : typeof args[0] === 'string' ? args[0].length : Object.keys(args[0] ?? {}).length; break;
      case 'index': value = indexInto(args[0], args.slice(1)); break;
      default: throw new Error(`template: function "${head}" not defined`);
    }
  });
  return value;
}

/** Renders `format` for one value. */
export function render(format: string, dot: Value): string {
  let out = '';
  let i = 0;
  while (i < format.length) {
    const open = format.indexOf('{{', i);
    if (open === -1) { out += format.slice(i); break; }
    out += format.slice(i, open);
    const close = format.indexOf('}}', open);
    if (close === -1) throw new Error(`template: unclosed action`);
    const action = format.slice(open + 2, close).trim().replace(/^-\s*|\s*-$/g, '');
    i = close + 2;
    if (action.startsWith('range ')) {
      // Find the matching {{end}}.
      let depth = 1;
      let j = i;
      let endAt = -1;
      while (depth > 0) {
        const o = format.indexOf('{{', j);
        if (o === -1) throw new Error('template: unexpected EOF');
        const c = format.indexOf('}}', o);
        const inner = format.slice(o + 2, c).trim();
        if (inner.startsWith('range ') || inner.startsWith('if ')) depth++;
        else if (inner === 'end') depth--;
        if (depth === 0) endAt = o;
        j = c + 2;
      }
      const body = format.slice(i, endAt);
      const list = evalExpr(action.slice(6), dot);
      const items = Array.isArray(list) ? list : list && typeof list === 'object' ? Object.values(list as object) : [];
      for (const item of items) out += render(body, item);
      i = j;
      continue;
    }
    const value = evalExpr(action, dot);
    out += show(value);
  }
  return out;
}

/** A --format over rows: `table …` adds the header row and aligns the columns. */
export function renderRows(format: string, rows: Value[], headers: Record<string, string>): string {
  const f = format.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
  if (f.startsWith('table')) {
    const body = f.slice(5).trimStart();
    const header = body.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_m, name: string) => headers[name] ?? name.toUpperCase());
    return `${tabwrite([header, ...rows.map((r) => render(body, r))].join('\n'))}\n`;
  }
  return rows.map((r) => `${render(f, r)}\n`).join('');
}
