// The shell's parser: POSIX sh source → syntax tree (ast.ts), with busybox
// ash's error messages (`syntax error: unexpected "fi"`). Written for us, as
// ARCHITECTURE.md asks us to choose deliberately: the maintained parsers
// either drop what an interpreter needs (sh-syntax), are unmaintained
// transpiled Go (mvdan-sh, 1.5 MB), or forgive errors a shell must report
// (tree-sitter). Errors at the end of input are marked `incomplete`, so an
// interactive shell knows to prompt for more (PS2).
import type { Assignment, Command, ListItem, ParamOp, ParamPart, Redirect, RedirOp, Script, Word, WordPart } from './ast.ts';

export class ShSyntaxError extends Error {
  override name = 'ShSyntaxError';
  constructor(message: string, readonly incomplete: boolean, readonly line: number) {
    super(message);
  }
}

type Token =
  | { kind: 'op'; op: string; line: number }
  | { kind: 'redir'; op: RedirOp; fd: number | null; line: number }
  | { kind: 'word'; word: Word; raw: string; line: number }
  | { kind: 'eof'; line: number };

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', '{', '}', '!']);
const META = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_DEPTH = 200;
const MAX_SOURCE = 4 * 1024 * 1024;

interface PendingHeredoc {
  redirect: Redirect;
  delimiter: string;
  strip: boolean;
  quoted: boolean;
}

/** Parses a whole script. Throws ShSyntaxError. */
export function parseScript(src: string): Script {
  if (src.length > MAX_SOURCE) throw new ShSyntaxError('script too long', false, 1);
  const p = new Parser(src, 0);
  const script = p.parseList(new Set());
  const t = p.peek();
  if (t.kind !== 'eof') throw p.unexpected(t);
  return script;
}

class Parser {
  pos = 0;
  line = 1;
  private pending: PendingHeredoc[] = [];
  private nesting = 0;

  constructor(private readonly src: string, private readonly depth: number) {
    if (depth > MAX_DEPTH) throw new ShSyntaxError('syntax error: nesting too deep', false, this.line);
  }

  // ---- errors ---------------------------------------------------------------

  private error(msg: string, incomplete = false): ShSyntaxError {
    return new ShSyntaxError(`syntax error: ${msg}`, incomplete, this.line);
  }

  unexpected(t: Token, expecting?: string): ShSyntaxError {
    if (t.kind === 'eof') return this.error(`unexpected end of file${expecting ? ` (expecting "${expecting}")` : ''}`, true);
    if (t.kind === 'op' && t.op === '\n') return this.error('unexpected newline');
    if (t.kind === 'word' && !RESERVED.has(t.raw)) return this.error('unexpected word');
    const text = t.kind === 'op' ? t.op : t.kind === 'redir' ? t.op : t.raw;
    return this.error(`unexpected "${text}"`);
  }

  // ---- tokens ---------------------------------------------------------------

  private skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') { this.pos++; continue; }
      if (c === '\\' && this.src[this.pos + 1] === '\n') { this.pos += 2; this.line++; continue; }
      if (c === '#') { while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++; continue; }
      return;
    }
  }

  peek(): Token {
    const save = { pos: this.pos, line: this.line, pending: this.pending.length };
    const t = this.next(true);
    this.pos = save.pos;
    this.line = save.line;
    this.pending.length = save.pending;
    return t;
  }

  /** Reads the next token. `peeking` leaves here-document bodies unread. */
  next(peeking = false): Token {
    this.skipBlanks();
    const line = this.line;
    if (this.pos >= this.src.length) return { kind: 'eof', line };
    const c = this.src[this.pos]!;
    if (c === '\n') {
      this.pos++;
      this.line++;
      if (!peeking) this.readHeredocs();
      return { kind: 'op', op: '\n', line };
    }
    for (const op of ['&&', '||', ';;', ';', '&', '|', '(', ')']) {
      if (this.src.startsWith(op, this.pos)) { this.pos += op.length; return { kind: 'op', op, line }; }
    }
    const redir = /^(\d*)(<<-|<<|<>|<&|>>|>&|>\||<|>)/.exec(this.src.slice(this.pos, this.pos + 12));
    if (redir) {
      this.pos += redir[0].length;
      return { kind: 'redir', op: redir[2] as RedirOp, fd: redir[1] ? Number(redir[1]) : null, line };
    }
    const start = this.pos;
    const word = this.parseWord();
    return { kind: 'word', word, raw: this.src.slice(start, this.pos), line };
  }

  private isReserved(t: Token, ...words: string[]): boolean {
    return t.kind === 'word' && RESERVED.has(t.raw) && (words.length === 0 || words.includes(t.raw));
  }

  private isOp(t: Token, ...ops: string[]): boolean {
    return t.kind === 'op' && ops.includes(t.op);
  }

  private skipNewlines(): void {
    while (this.isOp(this.peek(), '\n')) this.next();
  }

  private expectReserved(word: string): void {
    this.skipNewlines();
    const t = this.next();
    if (!this.isReserved(t, word)) throw this.unexpected(t, word);
  }

  // ---- lists and commands -----------------------------------------------------

  /** A list, up to EOF or one of the `until` reserved words / operators. */
  parseList(until: Set<string>): Script {
    const items: ListItem[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.kind === 'eof') break;
      if (t.kind === 'op' && (until.has(t.op) || t.op === ')' || t.op === ';;')) break;
      if (t.kind === 'word' && RESERVED.has(t.raw) && until.has(t.raw)) break;
      const command = this.parseAndOr();
      const sep = this.peek();
      if (this.isOp(sep, '&')) { this.next(); items.push({ command, background: true }); continue; }
      items.push({ command, background: false });
      if (this.isOp(sep, ';')) { this.next(); continue; }
      if (this.isOp(sep, '\n')) continue;
      break;
    }
    return items;
  }

  private parseAndOr(): Command {
    let left = this.parsePipeline();
    for (;;) {
      const t = this.peek();
      if (!this.isOp(t, '&&', '||')) return left;
      this.next();
      this.skipNewlines();
      const right = this.parsePipeline();
      left = { type: (t as { op: string }).op === '&&' ? 'and' : 'or', left, right, line: t.line };
    }
  }

  private parsePipeline(): Command {
    const first = this.peek();
    let negate = false;
    if (this.isReserved(first, '!')) { this.next(); negate = true; }
    const commands = [this.parseCommand()];
    while (this.isOp(this.peek(), '|')) {
      this.next();
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    if (commands.length === 1 && !negate) return commands[0]!;
    return { type: 'pipeline', negate, commands, line: first.line };
  }

  private parseCommand(): Command {
    if (++this.nesting > MAX_DEPTH) throw this.error('nesting too deep');
    try {
      return this.parseCommandInner();
    } finally {
      this.nesting--;
    }
  }

  /** A compound list that must not be empty (POSIX): `if then fi` is an error. */
  private nonEmptyList(until: Set<string>, expecting: string): Script {
    const list = this.parseList(until);
    if (list.length === 0) {
      this.skipNewlines();
      throw this.unexpected(this.peek(), expecting);
    }
    return list;
  }

  private parseCommandInner(): Command {
    const t = this.peek();
    if (t.kind === 'word' && RESERVED.has(t.raw)) {
      switch (t.raw) {
        case 'if': return this.withRedirects(this.parseIf());
        case 'while': case 'until': return this.withRedirects(this.parseLoop(t.raw));
        case 'for': return this.withRedirects(this.parseFor());
        case 'case': return this.withRedirects(this.parseCase());
        case '{': {
          this.next();
          const body = this.nonEmptyList(new Set(['}']), '}');
          this.expectReserved('}');
          return this.withRedirects({ type: 'group', body, redirects: [], line: t.line });
        }
        default: throw this.unexpected(t);
      }
    }
    if (this.isOp(t, '(')) {
      this.next();
      const body = this.nonEmptyList(new Set([')']), ')');
      const close = this.next();
      if (!this.isOp(close, ')')) throw this.unexpected(close, ')');
      return this.withRedirects({ type: 'subshell', body, redirects: [], line: t.line });
    }
    if (t.kind === 'word' && t.raw === 'function') {
      // bash's `function name [()] body`, which busybox ash accepts too.
      this.next();
      const name = this.next();
      if (name.kind !== 'word' || !NAME.test(name.raw)) throw this.unexpected(name);
      if (this.isOp(this.peek(), '(')) {
        this.next();
        const close = this.next();
        if (!this.isOp(close, ')')) throw this.unexpected(close, ')');
      }
      this.skipNewlines();
      return { type: 'function', name: name.raw, body: this.parseCommand(), line: t.line };
    }
    if (t.kind === 'word' && !NAME.test(t.raw) && !RESERVED.has(t.raw)) {
      // `:() { …; }` and the like: ash refuses names that are not identifiers.
      const save = { pos: this.pos, line: this.line };
      this.next();
      const open = this.peek();
      if (this.isOp(open, '(')) {
        this.next();
        if (this.isOp(this.peek(), ')')) throw this.error('bad function name');
      }
      this.pos = save.pos;
      this.line = save.line;
    }
    if (t.kind === 'word' && NAME.test(t.raw)) {
      const save = { pos: this.pos, line: this.line };
      this.next();
      if (this.isOp(this.peek(), '(')) {
        this.next();
        const close = this.next();
        if (!this.isOp(close, ')')) throw this.unexpected(close, ')');
        this.skipNewlines();
        return { type: 'function', name: t.raw, body: this.parseCommand(), line: t.line };
      }
      this.pos = save.pos;
      this.line = save.line;
    }
    return this.parseSimple();
  }

  /** Redirections after a compound command (`while …; done < file`). */
  private withRedirects(cmd: Command): Command {
    if (!('redirects' in cmd)) return cmd;
    while (this.peek().kind === 'redir') cmd.redirects.push(this.parseRedirect());
    return cmd;
  }

  private parseSimple(): Command {
    const line = this.peek().line;
    const assigns: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'redir') { redirects.push(this.parseRedirect()); continue; }
      if (t.kind !== 'word') break;
      this.next();
      const eq = t.raw.indexOf('=');
      if (words.length === 0 && eq > 0 && NAME.test(t.raw.slice(0, eq))) {
        assigns.push({ name: t.raw.slice(0, eq), value: this.splitAssignmentValue(t.word, eq) });
        continue;
      }
      words.push(t.word);
    }
    if (assigns.length === 0 && words.length === 0 && redirects.length === 0) throw this.unexpected(this.peek());
    return { type: 'simple', assigns, words, redirects, line };
  }

  /** The value part of a NAME=value word (the first `=` lies in a literal part). */
  private splitAssignmentValue(word: Word, eqIndex: number): Word {
    let skipped = 0;
    const out: Word = [];
    for (const part of word) {
      if (skipped > eqIndex) { out.push(part); continue; }
      if (part.type === 'lit') {
        const take = eqIndex + 1 - skipped;
        if (part.text.length > take) out.push({ type: 'lit', text: part.text.slice(take) });
        skipped += part.text.length;
        if (skipped > eqIndex) continue;
      }
    }
    return out;
  }

  private parseRedirect(): Redirect {
    const t = this.next() as Extract<Token, { kind: 'redir' }>;
    const target = this.next();
    if (target.kind !== 'word') throw this.unexpected(target);
    const fd = t.fd ?? (t.op.startsWith('<') ? 0 : 1);
    const redirect: Redirect = { fd, op: t.op, target: target.word };
    if (t.op === '<<' || t.op === '<<-') {
      const quoted = target.word.some((p) => p.type !== 'lit');
      const delimiter = target.word.map((p) => ('text' in p ? p.text : '')).join('');
      this.pending.push({ redirect, delimiter, strip: t.op === '<<-', quoted });
      redirect.heredoc = { body: [], quoted };
    }
    return redirect;
  }

  /** After a newline: the bodies of the here-documents opened on that line. */
  private readHeredocs(): void {
    for (const h of this.pending.splice(0)) {
      const lines: string[] = [];
      for (;;) {
        if (this.pos >= this.src.length) break;
        let end = this.src.indexOf('\n', this.pos);
        if (end < 0) end = this.src.length;
        let lineText = this.src.slice(this.pos, end);
        this.pos = Math.min(end + 1, this.src.length);
        this.line++;
        if (h.strip) lineText = lineText.replace(/^\t+/, '');
        if (lineText === h.delimiter) break;
        lines.push(lineText + '\n');
      }
      const text = lines.join('');
      h.redirect.heredoc = { body: h.quoted ? [{ type: 'quoted', text }] : new Parser(text, this.depth + 1).parseParts('heredoc'), quoted: h.quoted };
    }
  }

  // ---- compound commands ------------------------------------------------------

  private parseIf(): Command {
    const line = this.next().line;
    const branches: Array<{ cond: Script; body: Script }> = [];
    let elseBody: Script | null = null;
    for (;;) {
      const cond = this.nonEmptyList(new Set(['then']), 'then');
      this.expectReserved('then');
      const body = this.nonEmptyList(new Set(['elif', 'else', 'fi']), 'fi');
      branches.push({ cond, body });
      this.skipNewlines();
      const t = this.next();
      if (this.isReserved(t, 'elif')) continue;
      if (this.isReserved(t, 'else')) {
        elseBody = this.nonEmptyList(new Set(['fi']), 'fi');
        this.expectReserved('fi');
        break;
      }
      if (this.isReserved(t, 'fi')) break;
      throw this.unexpected(t, 'fi');
    }
    return { type: 'if', branches, elseBody, redirects: [], line };
  }

  private parseLoop(kind: 'while' | 'until'): Command {
    const line = this.next().line;
    const cond = this.nonEmptyList(new Set(['do']), 'do');
    this.expectReserved('do');
    const body = this.nonEmptyList(new Set(['done']), 'done');
    this.expectReserved('done');
    return { type: kind, cond, body, redirects: [], line };
  }

  private parseFor(): Command {
    const line = this.next().line;
    const nameTok = this.next();
    if (nameTok.kind !== 'word' || !NAME.test(nameTok.raw)) throw this.error('bad for loop variable');
    let items: Word[] | null = null;
    this.skipNewlines();
    if (this.isReserved(this.peek(), 'in')) {
      this.next();
      items = [];
      for (;;) {
        const t = this.peek();
        if (t.kind !== 'word') break;
        this.next();
        items.push(t.word);
      }
      const sep = this.next();
      if (!this.isOp(sep, ';', '\n')) throw this.unexpected(sep);
    } else if (this.isOp(this.peek(), ';')) {
      this.next();
    }
    this.expectReserved('do');
    const body = this.nonEmptyList(new Set(['done']), 'done');
    this.expectReserved('done');
    return { type: 'for', name: nameTok.raw, items, body, redirects: [], line };
  }

  private parseCase(): Command {
    const line = this.next().line;
    const subjectTok = this.next();
    if (subjectTok.kind === 'eof') throw this.error('unexpected end of file (expecting word)', true);
    if (subjectTok.kind !== 'word') throw this.unexpected(subjectTok);
    this.skipNewlines();
    const inTok = this.next();
    if (!this.isReserved(inTok, 'in')) throw this.unexpected(inTok, 'in');
    const items: Array<{ patterns: Word[]; body: Script }> = [];
    for (;;) {
      this.skipNewlines();
      let t = this.next();
      if (this.isReserved(t, 'esac')) break;
      if (this.isOp(t, '(')) t = this.next();
      const patterns: Word[] = [];
      for (;;) {
        if (t.kind !== 'word') throw this.unexpected(t, ')');
        patterns.push(t.word);
        const sep = this.next();
        if (this.isOp(sep, ')')) break;
        if (!this.isOp(sep, '|')) throw this.unexpected(sep, ')');
        t = this.next();
      }
      const body = this.parseList(new Set(['esac']));
      items.push({ patterns, body });
      this.skipNewlines();
      const end = this.next();
      if (this.isOp(end, ';;')) continue;
      if (this.isReserved(end, 'esac')) break;
      throw this.unexpected(end, ';;');
    }
    return { type: 'case', subject: subjectTok.word, items, redirects: [], line };
  }

  // ---- words ------------------------------------------------------------------

  private parseWord(): Word {
    const parts = this.parseParts('unquoted');
    if (parts.length === 0) throw this.error(`unexpected "${this.src[this.pos] ?? ''}"`);
    return parts;
  }

  /**
   * Word parts until the context's end: unquoted (a metacharacter), dq (the
   * closing "), heredoc (end of text), param (the closing }).
   */
  parseParts(mode: 'unquoted' | 'dq' | 'heredoc' | 'param', alsoStop = ''): WordPart[] {
    const parts: WordPart[] = [];
    let lit = '';
    const flush = (type: 'lit' | 'quoted'): void => {
      if (lit) parts.push({ type, text: lit });
      lit = '';
    };
    const litType = mode === 'unquoted' || mode === 'param' ? 'lit' : 'quoted';
    const start = this.pos;
    for (;;) {
      if (this.pos >= this.src.length) {
        if (mode === 'dq') throw this.error('unterminated quoted string', true);
        if (mode === 'param') throw new ShSyntaxError("syntax error: missing '}'", true, this.line);
        break;
      }
      const c = this.src[this.pos]!;
      if (mode === 'unquoted' && META.has(c)) break;
      if (mode === 'dq' && c === '"') { this.pos++; break; }
      if (mode === 'param' && (c === '}' || (alsoStop && c === alsoStop))) break;
      if (c === '\n') this.line++;
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n === undefined) { lit += '\\'; this.pos++; continue; }
        if (n === '\n') { this.pos += 2; this.line++; continue; }
        if (mode === 'unquoted' || mode === 'param') {
          flush(litType);
          parts.push({ type: 'quoted', text: n });
          this.pos += 2;
          continue;
        }
        if (n === '$' || n === '`' || n === '\\' || (mode === 'dq' && n === '"')) { lit += n; this.pos += 2; continue; }
        lit += '\\';
        this.pos++;
        continue;
      }
      if ((mode === 'unquoted' || mode === 'param') && c === "'") {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) throw this.error('unterminated quoted string', true);
        flush(litType);
        const text = this.src.slice(this.pos + 1, end);
        this.line += text.split('\n').length - 1;
        parts.push({ type: 'quoted', text });
        this.pos = end + 1;
        continue;
      }
      if ((mode === 'unquoted' || mode === 'param') && c === '"') {
        flush(litType);
        this.pos++;
        parts.push({ type: 'dq', parts: this.parseParts('dq') });
        continue;
      }
      if (c === '$') {
        let part: WordPart | null;
        try {
          part = this.parseDollar();
        } catch (e) {
          // Inside "…", running out of input is an unterminated quote to ash.
          if (mode === 'dq' && e instanceof ShSyntaxError && e.incomplete) throw this.error('unterminated quoted string', true);
          throw e;
        }
        if (part) { flush(litType); parts.push(part); continue; }
        lit += '$';
        this.pos++;
        continue;
      }
      if (c === '`') {
        flush(litType);
        parts.push(this.parseBackquote());
        continue;
      }
      if (c === '~' && mode === 'unquoted' && this.pos === start) {
        const m = /^~([A-Za-z0-9_.-]*)(?=\/|$|[\s;&|<>()])/.exec(this.src.slice(this.pos));
        if (m) { parts.push({ type: 'tilde', user: m[1]! }); this.pos += m[0].length; continue; }
      }
      lit += c;
      this.pos++;
    }
    flush(litType);
    return parts;
  }

  private parseDollar(): WordPart | null {
    const rest = this.src.slice(this.pos + 1, this.pos + 3);
    if (rest.startsWith('((')) return this.parseArith();
    if (rest.startsWith('(')) {
      this.pos += 2;
      const sub = new Parser(this.src, this.depth + 1);
      sub.pos = this.pos;
      sub.line = this.line;
      const script = sub.parseList(new Set([')']));
      const close = sub.next();
      if (!sub.isOp(close, ')')) throw sub.unexpected(close, ')');
      this.pos = sub.pos;
      this.line = sub.line;
      return { type: 'cmdsub', script, backquoted: false };
    }
    if (rest.startsWith('{')) return this.parseBraced();
    const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(this.src.slice(this.pos + 1));
    if (!m) return null;
    this.pos += 1 + m[0].length;
    return { type: 'param', name: m[0] };
  }

  private parseArith(): WordPart {
    let depth = 0;
    let i = this.pos + 3;
    for (; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) break;
        depth--;
      }
    }
    if (i >= this.src.length || this.src[i + 1] !== ')') throw this.error("missing '))'", true);
    const text = this.src.slice(this.pos + 3, i);
    this.pos = i + 2;
    return { type: 'arith', expr: new Parser(text, this.depth + 1).parseParts('heredoc') };
  }

  private parseBraced(): WordPart {
    this.pos += 2;
    const part: ParamPart = { type: 'param', name: '' };
    if (this.src[this.pos] === '#' && this.src[this.pos + 1] !== '}') { part.length = true; this.pos++; }
    const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])/.exec(this.src.slice(this.pos));
    part.name = m?.[0] ?? '';
    this.pos += part.name.length;
    if (this.src[this.pos] === '}') {
      this.pos++;
      // `${}` fails when expanded, as in ash.
      if (part.name === '') part.bad = true;
      return part;
    }
    if (this.pos >= this.src.length) throw new ShSyntaxError("syntax error: missing '}'", true, this.line);
    const op = part.length || !part.name ? null : /^(:-|:=|:\?|:\+|-|=|\?|\+|%%|%|##|#|\/\/|\/#|\/%|\/|:)/.exec(this.src.slice(this.pos));
    if (!op) {
      // Malformed (`${x;}`, `${!x}`): skip to the closing brace; expanding it fails.
      const close = this.src.indexOf('}', this.pos);
      if (close < 0) throw new ShSyntaxError("syntax error: missing '}'", true, this.line);
      this.pos = close + 1;
      part.bad = true;
      return part;
    }
    part.op = op[0] as ParamOp;
    this.pos += op[0].length;
    const stop = part.op.startsWith('/') ? '/' : part.op === ':' ? ':' : '';
    part.arg = this.parseParts('param', stop);
    if (stop && this.src[this.pos] === stop) {
      this.pos++;
      part.arg2 = this.parseParts('param');
    }
    if (this.src[this.pos] !== '}') throw new ShSyntaxError("syntax error: missing '}'", true, this.line);
    this.pos++;
    return part;
  }

  private parseBackquote(): WordPart {
    let i = this.pos + 1;
    let inner = '';
    for (; i < this.src.length; i++) {
      const c = this.src[i]!;
      if (c === '\\' && (this.src[i + 1] === '`' || this.src[i + 1] === '\\' || this.src[i + 1] === '$')) { inner += this.src[++i]; continue; }
      if (c === '`') break;
      inner += c;
    }
    if (i >= this.src.length) throw this.error('EOF in backquote substitution', true);
    const script = new Parser(inner, this.depth + 1).parseList(new Set());
    this.line += inner.split('\n').length - 1;
    this.pos = i + 1;
    return { type: 'cmdsub', script, backquoted: true };
  }
}
