// A lesson's text (lesson.<lang>.md) as the page renders it and the checks
// refer to it: optional intro prose, then one step per `## Title {#id}`
// heading. Inside a step, fenced code blocks are plain (```text), click-to-run
// (```sh run: the page types each line at the host's prompt) or
// copy-to-editor (```dockerfile file=Dockerfile: the page writes the block to
// that workspace file). Everything else is Markdown prose, left for the
// page's renderer. Parsing reports what is wrong with line numbers instead
// of throwing, so `lesson:check` can list every problem at once.

export interface CodeBlock {
  /** The fence's language: sh, dockerfile, js, text… ('' when none). */
  lang: string;
  /** Click-to-run: each line is typed at the host's prompt. */
  run: boolean;
  /** Copy-to-editor: the workspace path (relative to /home/student) the block is written to. */
  file: string | null;
  /** The block's text, without the final newline. */
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

export type Segment = { kind: 'prose'; markdown: string } | { kind: 'code'; block: CodeBlock };

export interface Step {
  /** The heading's `{#id}`: the same in both languages; checks name their step by it. */
  id: string;
  title: string;
  /** Prose and code blocks in order. */
  segments: Segment[];
  /** The step's code blocks alone. */
  blocks: CodeBlock[];
  /** 1-based line of the heading. */
  line: number;
}

export interface LessonText {
  /** Prose before the first step (may be empty). */
  intro: Segment[];
  steps: Step[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const STEP = /^## +(.*?) *\{#([^}]*)\} *$/;
const STEP_ID = /^[a-z0-9][a-z0-9-]*$/;
const FILE_PATH = /^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._/-]+$/;
/** Languages a click-to-run block may have: it is typed at the host's shell. */
export const RUN_LANGS = new Set(['sh']);
const MAX_LINES = 20_000;

/** Parses one language's markdown; `name` prefixes the issues (`lesson.es.md:12: …`). */
export function parseLessonMarkdown(source: string, name: string): { text: LessonText; issues: string[] } {
  const issues: string[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > MAX_LINES) return { text: { intro: [], steps: [] }, issues: [`${name}: longer than ${MAX_LINES} lines`] };
  const intro: Segment[] = [];
  const steps: Step[] = [];
  let segments = intro;
  let prose: string[] = [];
  const flush = (): void => {
    const md = prose.join('\n').trim();
    if (md) segments.push({ kind: 'prose', markdown: md });
    prose = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const at = `${name}:${i + 1}`;
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1]!;
      const body: string[] = [];
      let closed = false;
      let j = i + 1;
      for (; j < lines.length; j++) {
        const close = /^ {0,3}(`{3,}|~{3,}) *$/.exec(lines[j]!);
        if (close && close[1]![0] === marker[0] && close[1]!.length >= marker.length) { closed = true; break; }
        body.push(lines[j]!);
      }
      if (!closed) issues.push(`${at}: code block never closed`);
      const block = codeBlock(fence[2]!.trim(), body.join('\n'), i + 1, at, issues);
      flush();
      segments.push({ kind: 'code', block });
      i = j;
      continue;
    }
    if (/^# /.test(line)) { issues.push(`${at}: no "# " title in the text: the title lives in lesson.json`); continue; }
    if (/^## /.test(line)) {
      const m = STEP.exec(line);
      if (!m) { issues.push(`${at}: a step heading needs an id: "## Title {#step-id}"`); continue; }
      const [, title = '', id = ''] = m;
      if (!STEP_ID.test(id)) issues.push(`${at}: step id "${id}" must be lowercase letters, digits and dashes`);
      if (steps.some((s) => s.id === id)) issues.push(`${at}: step id "${id}" is used twice`);
      if (!title) issues.push(`${at}: the step has no title`);
      flush();
      const step: Step = { id, title, segments: [], blocks: [], line: i + 1 };
      steps.push(step);
      segments = step.segments;
      continue;
    }
    prose.push(line);
  }
  flush();
  for (const s of steps) s.blocks = s.segments.flatMap((g) => (g.kind === 'code' ? [g.block] : []));
  if (steps.length === 0) issues.push(`${name}: no steps: each step starts with "## Title {#step-id}"`);
  return { text: { intro, steps }, issues };
}

function codeBlock(info: string, code: string, line: number, at: string, issues: string[]): CodeBlock {
  const [lang = '', ...attrs] = info.split(/\s+/).filter(Boolean);
  let run = false;
  let file: string | null = null;
  for (const a of attrs) {
    if (a === 'run') run = true;
    else if (a.startsWith('file=')) file = a.slice(5);
    else issues.push(`${at}: unknown code block attribute "${a}" (known: run, file=PATH)`);
  }
  if (run && file !== null) issues.push(`${at}: a block is either click-to-run (run) or copy-to-editor (file=…), not both`);
  if (run && !RUN_LANGS.has(lang)) issues.push(`${at}: a click-to-run block is typed at the shell: write it as \`\`\`sh run`);
  if (file !== null && !FILE_PATH.test(file)) issues.push(`${at}: file=${file}: a path relative to the workspace (no leading /, no . or .. parts)`);
  if (run && !code.trim()) issues.push(`${at}: an empty click-to-run block`);
  return { lang, run, file, code, line };
}

/** A block as compared across languages (its position aside). */
const shape = (b: CodeBlock): string => JSON.stringify([b.lang, b.run, b.file, b.code]);
const describe = (b: CodeBlock): string => `\`\`\`${[b.lang, b.run ? 'run' : '', b.file !== null ? `file=${b.file}` : ''].filter(Boolean).join(' ')}`;

/** What differs between two blocks: their kind, or the first line of code that differs. */
function difference(a: CodeBlock, b: CodeBlock): string {
  if (describe(a) !== describe(b)) return `${describe(a)} vs ${describe(b)}`;
  const al = a.code.split('\n');
  const bl = b.code.split('\n');
  const i = al.findIndex((l, k) => l !== bl[k]);
  const at = i < 0 ? al.length : i;
  const cut = (l: string | undefined): string => (l === undefined ? '(no line)' : JSON.stringify(l.length > 60 ? `${l.slice(0, 60)}…` : l));
  return `code line ${at + 1} is ${cut(al[at])} vs ${cut(bl[at])}`;
}

/**
 * Where two languages of a lesson are out of step: the same steps (ids, in
 * order) with the same code blocks (language, kind, target file and code).
 * Only the prose and the titles may differ.
 */
export function parityIssues(texts: Readonly<Record<string, LessonText>>): string[] {
  const [first, ...others] = Object.entries(texts) as Array<[string, LessonText]>;
  if (!first) return [];
  const [aName, a] = first;
  const issues: string[] = [];
  const blocksOf = (segs: Segment[]): CodeBlock[] => segs.flatMap((g) => (g.kind === 'code' ? [g.block] : []));
  for (const [bName, b] of others) {
    const ids = (t: LessonText): string => t.steps.map((s) => s.id).join(', ');
    if (ids(a) !== ids(b)) {
      issues.push(`the steps differ: ${aName} has [${ids(a)}], ${bName} has [${ids(b)}]`);
      continue;
    }
    const pairs: Array<[string, CodeBlock[], CodeBlock[]]> = [['the intro', blocksOf(a.intro), blocksOf(b.intro)], ...a.steps.map((s, i): [string, CodeBlock[], CodeBlock[]] => [`step "${s.id}"`, s.blocks, b.steps[i]!.blocks])];
    for (const [where, x, y] of pairs) {
      if (x.length !== y.length) { issues.push(`${where}: ${aName} has ${x.length} code blocks, ${bName} has ${y.length}`); continue; }
      x.forEach((bx, k) => {
        const by = y[k]!;
        if (shape(bx) !== shape(by)) issues.push(`${where}: code block ${k + 1} differs (${aName} line ${bx.line}, ${bName} line ${by.line}: ${difference(bx, by)}): code blocks must be identical in both languages`);
      });
    }
  }
  return issues;
}
