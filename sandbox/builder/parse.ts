// Step 1 of a build: Dockerfile text → raw instructions. dockerfile-ast
// finds the instructions, their lines, the parser directives and the
// heredocs; we take each instruction's text from there and fold it as
// BuildKit's parser does (escaped newlines joined, comment and blank lines
// inside a continuation dropped), then split off leading `--flags`. Typing
// and validation happen in instructions.ts.
import { DockerfileParser } from 'dockerfile-ast';
import { splitRawWords } from './substitute.ts';

export interface RawHeredoc {
  name: string;
  content: string;
  /** `<<-EOF`: leading tabs stripped. */
  chomp: boolean;
  /** False when the delimiter was quoted (`<<"EOF"`): no expansion. */
  expand: boolean;
}

export interface RawFlag {
  name: string;
  value: string | null;
}

export interface RawInstruction {
  /** Upper-case keyword as written (`RUN`). */
  keyword: string;
  /** 1-based line of the keyword. */
  line: number;
  /** 1-based last line: continuation lines and heredoc bodies included. */
  endLine: number;
  /** The instruction as one line, as Docker prints it in `Step N/M : …`. */
  original: string;
  flags: RawFlag[];
  /** Arguments after the flags, folded onto one line (heredoc bodies excluded). */
  args: string;
  heredocs: RawHeredoc[];
}

export interface ParsedDockerfile {
  escape: string;
  instructions: RawInstruction[];
}

export class DockerfileParseError extends Error {
  override name = 'DockerfileParseError';
  constructor(readonly line: number, readonly detail: string) {
    super(line > 0 ? `dockerfile parse error on line ${line}: ${detail}` : detail);
  }
}

const MAX_SIZE = 1 << 20;
/** Stands in for a lone carriage return while dockerfile-ast reads the text (a private-use character). */
const LONE_CR = '\uE00D';

/** Folds continuation lines the way BuildKit does. */
function fold(lines: string[], escape: string): string {
  let out = '';
  let continuing = false;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.replace(/\r$/, '');
    if (continuing && (/^\s*#/.test(line) || line.trim() === '')) continue;
    const trimmedEnd = line.replace(/[ \t]+$/, '');
    continuing = trimmedEnd.endsWith(escape) && i < lines.length - 1;
    if (continuing) line = trimmedEnd.slice(0, -escape.length);
    out += line;
  }
  return out.trim();
}

/** Splits leading `--name[=value]` words off an argument string. */
function splitFlags(args: string): { flags: RawFlag[]; rest: string } {
  const flags: RawFlag[] = [];
  let rest = args;
  for (;;) {
    const m = /^--([A-Za-z0-9-]*)(?:=((?:"[^"]*"|'[^']*'|\S)*))?(?:\s+|$)/.exec(rest);
    if (!m || rest.startsWith('-- ')) break;
    flags.push({ name: m[1]!, value: m[2] ?? null });
    rest = rest.slice(m[0].length);
  }
  return { flags, rest };
}

const HAS_FLAGS = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK']);

/**
 * dockerfile-ast looks for a UTF-8 BOM with `Buffer.from(text, 'UTF-8')`,
 * and browsers have no Buffer: lend it a minimal one for the (synchronous)
 * parse only, so nothing else ever sees it.
 */
function withBufferShim<T>(fn: () => T): T {
  const g = globalThis as Record<string, unknown>;
  if (g.Buffer !== undefined) return fn();
  g.Buffer = { from: (s: string) => new TextEncoder().encode(s) };
  try {
    return fn();
  } finally {
    delete g.Buffer;
  }
}

type AstHeredoc = { getName(): string; getContentRange(): { start: { line: number }; end: { line: number; character: number } } | null; getStartRange(): { start: { line: number; character: number } } };

/** Heredocs only exist for RUN, COPY and ADD (BuildKit); dockerfile-ast can trip over other instructions' odd text. */
function heredocsOf(ins: unknown): AstHeredoc[] {
  const node = ins as { getKeyword(): string; getHeredocs?(): AstHeredoc[] };
  if (!['RUN', 'COPY', 'ADD'].includes(node.getKeyword().toUpperCase()) || !node.getHeredocs) return [];
  try {
    return node.getHeredocs();
  } catch {
    // The library failed on something BuildKit reads as plain arguments: no heredoc there.
    return [];
  }
}

/** Parses a Dockerfile into raw instructions (throws DockerfileParseError). */
export function parseDockerfile(text: string, fileName = 'Dockerfile'): ParsedDockerfile {
  if (text.length > MAX_SIZE) throw new DockerfileParseError(0, `the Dockerfile (${fileName}) is larger than ${MAX_SIZE} bytes`);
  // BuildKit reads lines split at \n (dropping a \r before it); dockerfile-ast also breaks lines at a lone \r.
  // Hide lone \r from it (same length, so its ranges still index `text`): for Docker it is part of the line.
  const df = withBufferShim(() => DockerfileParser.parse(text.replace(/\r(?!\n)/g, LONE_CR)));
  const escape = df.getEscapeCharacter();
  const lines = text.split('\n');
  const instructions: RawInstruction[] = [];
  for (const ins of df.getInstructions()) {
    const range = ins.getRange();
    const heredocs = heredocsOf(ins);
    const firstBodyLine = heredocs.length > 0 ? (heredocs[0]!.getContentRange()?.start.line ?? range.end.line + 1) : range.end.line + 1;
    const headerLines = lines.slice(range.start.line, Math.min(firstBodyLine, range.end.line + 1));
    const folded = fold(headerLines, escape);
    const keyword = ins.getKeyword().toUpperCase();
    const afterKeyword = folded.slice(ins.getInstruction().length).trim();
    const { flags, rest } = HAS_FLAGS.has(keyword) ? splitFlags(afterKeyword) : { flags: [], rest: afterKeyword };
    const raw: RawHeredoc[] = heredocs.map((h) => {
      const cr = h.getContentRange();
      const body = cr ? lines.slice(cr.start.line, cr.end.line + 1).join('\n') + '\n' : '';
      const marker = new RegExp(`<<(-?)(["']?)${h.getName().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\2`).exec(folded);
      const chomp = marker?.[1] === '-';
      return { name: h.getName(), content: chomp ? body.replace(/^\t+/gm, '') : body, chomp, expand: !marker?.[2] };
    });
    instructions.push({
      keyword,
      line: range.start.line + 1,
      endLine: range.end.line + 1,
      original: folded,
      flags,
      args: rest,
      heredocs: raw,
    });
  }
  return { escape, instructions };
}

/** The words of an argument string with quotes kept (for key=value forms). */
export function rawWords(args: string, escape: string): string[] {
  return splitRawWords(args, escape);
}

/**
 * The exec (JSON) form of an argument string, or null for the shell form.
 * Docker's rule: valid JSON array of strings → exec form; anything else is
 * a shell command.
 */
export function parseJsonForm(args: string): string[] | null {
  const t = args.trim();
  if (!t.startsWith('[')) return null;
  try {
    const v: unknown = JSON.parse(t);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  } catch {
    // not JSON: shell form
  }
  return null;
}
