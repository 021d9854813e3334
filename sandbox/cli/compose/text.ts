// The small text formats a compose file leans on, as Compose parses them:
// ${VAR} interpolation (with :- - :? ? :+ + and $$), command strings split
// into words (go-shellwords) and env files (KEY=VALUE lines).

/** An error in the compose file: Compose prints it and exits 1. */
export class ComposeError extends Error {}

const MAX_INTERPOLATION = 1 << 20;

/**
 * Replaces ${VAR}, $VAR, ${VAR:-default}, ${VAR-default}, ${VAR:?err},
 * ${VAR?err}, ${VAR:+alt}, ${VAR+alt}; `$$` is a literal `$`.
 */
export function interpolate(text: string, env: ReadonlyMap<string, string>, where: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '$') { out += c; continue; }
    const next = text[i + 1];
    if (next === '$') { out += '$'; i++; continue; }
    if (next === '{') {
      const end = closingBrace(text, i + 2);
      if (end < 0) throw new ComposeError(`Invalid template: "${text}"`);
      out += expand(text.slice(i + 2, end), env, where, text);
      i = end;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
      if (!m) { out += '$'; continue; }
      out += env.get(m[0]) ?? '';
      i += m[0].length;
    }
    if (out.length > MAX_INTERPOLATION) throw new ComposeError(`${where}: interpolated value too long`);
  }
  return out;
}

function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function expand(body: string, env: ReadonlyMap<string, string>, where: string, whole: string): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
  if (!m) throw new ComposeError(`Invalid template: "${whole}"`);
  const [, name, op, arg = ''] = m;
  const value = env.get(name!);
  const unsetOrEmpty = value === undefined || (op?.startsWith(':') && value === '');
  switch (op) {
    case undefined: return value ?? '';
    case ':-': case '-': return unsetOrEmpty ? interpolate(arg, env, where) : value!;
    case ':+': case '+': return unsetOrEmpty ? '' : interpolate(arg, env, where);
    default:
      if (unsetOrEmpty) throw new ComposeError(`required variable ${name} is missing a value: ${arg}`);
      return value!;
  }
}

/** Splits a command string into words as go-shellwords does (quotes and backslashes, no expansion). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) { quote = null; continue; }
      if (c === '\\' && quote === '"' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) { word += line[++i]; continue; }
      word += c;
      continue;
    }
    if (c === '"' || c === "'") { quote = c; inWord = true; continue; }
    if (c === '\\' && i + 1 < line.length) { word += line[++i]; inWord = true; continue; }
    if (/\s/.test(c)) {
      if (inWord) { words.push(word); word = ''; inWord = false; }
      continue;
    }
    word += c;
    inWord = true;
  }
  if (quote) throw new ComposeError(`invalid command line string: ${line}`);
  if (inWord) words.push(word);
  return words;
}

/** KEY=VALUE lines (comments, blank lines, `export `, quoted values) as an env file holds them. */
export function parseEnvFile(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const body = line.startsWith('export ') ? line.slice(7).trimStart() : line;
    const eq = body.indexOf('=');
    if (eq <= 0) continue;
    const key = body.slice(0, eq).trim();
    let value = body.slice(eq + 1).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]!)) {
      value = value.slice(1, -1);
      if (raw.includes('"')) value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else {
      const hash = value.search(/\s#/);
      if (hash >= 0) value = value.slice(0, hash).trimEnd();
    }
    out.set(key, value);
  }
  return out;
}
