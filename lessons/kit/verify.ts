// What `npm run lesson:check` and the tests verify about a lesson: its
// files are well formed and the languages in step (static), its solution
// passes every check at each `#@ check`, and each wrong attempt fails the
// check it names with the hint it names. Every problem is reported as one
// line saying where and what, rather than stopping at the first.
import { checksIssues, grade, type CheckResult, type Checks } from './checks.ts';
import { parseLesson, type Lesson } from './lesson.ts';
import { importChecks, loadLessonDir, type LoadedAttempt, type LoadedLesson } from './load-dir.ts';
import { PracticeMachine } from './runner.ts';
import { checkpoints } from './script.ts';
import type { Practice } from './lesson.ts';
import type { LessonText } from './markdown.ts';

export interface StaticReport {
  lesson: Lesson | null;
  checks: Checks | null;
  issues: string[];
}

/** Everything that can be found wrong without running anything. */
export async function checkStatic(loaded: LoadedLesson): Promise<StaticReport> {
  const { lesson, issues, text } = parseLesson(loaded.source);
  issues.push(...loaded.issues);
  const stepIds = (text.es ?? text.en)?.steps.map((s) => s.id) ?? [];
  let checks: Checks | null = null;
  try {
    const mod = await importChecks(loaded.path);
    const found = checksIssues(mod, stepIds);
    issues.push(...found);
    if (found.length === 0) checks = (mod as { default: Checks }).default;
  } catch (e) {
    issues.push(`checks.ts could not be loaded: ${(e as Error).message}`);
  }
  if (text.es && loaded.solution) issues.push(...followsTheText(text.es, loaded.solution));
  if (!checks) return { lesson, checks, issues };
  const stepsWithChecks = [...new Set(checks.list.map((c) => c.step))];
  if (loaded.solution) {
    const points = checkpoints(loaded.solution.actions);
    for (const step of points) if (!stepsWithChecks.includes(step)) issues.push(`solution/commands.sh: "#@ check ${step}": step "${step}" has no checks`);
    for (const step of stepsWithChecks) if (!points.includes(step)) issues.push(`solution/commands.sh: step "${step}" has checks but no "#@ check ${step}" line to grade them`);
  }
  for (const a of loaded.attempts) {
    if (!a.spec) continue;
    const c = checks.list.find((x) => x.id === a.spec!.check);
    if (!c) issues.push(`attempts/${a.name}/attempt.json: no check "${a.spec.check}" (checks: ${checks.list.map((x) => x.id).join(', ')})`);
    else if (!Object.hasOwn(c.hints, a.spec.hint)) issues.push(`attempts/${a.name}/attempt.json: check "${c.id}" has no hint "${a.spec.hint}" (hints: ${Object.keys(c.hints).join(', ')})`);
  }
  for (const step of stepsWithChecks) {
    const covered = loaded.attempts.some((a) => a.spec && checks!.list.some((c) => c.id === a.spec!.check && c.step === step));
    if (!covered) issues.push(`step "${step}" has checks but no wrong attempt (attempts/<name>/) fails one of them`);
  }
  return { lesson, checks, issues };
}

/**
 * The solution is the lesson followed literally: it types every line of the
 * click-to-run blocks, in order (other lines may come between), and holds
 * every copy-to-editor block's content in one of its files.
 */
function followsTheText(text: LessonText, solution: Practice): string[] {
  const issues: string[] = [];
  const typed = solution.actions.flatMap((a) => (a.kind === 'type' ? [a.text.trim()] : []));
  let at = 0;
  for (const step of text.steps) {
    for (const block of step.blocks) {
      if (block.run) {
        for (const line of block.code.split('\n').map((l) => l.trim()).filter(Boolean)) {
          const found = typed.indexOf(line, at);
          if (found < 0) { issues.push(`solution/commands.sh does not type "${line}" (step "${step.id}", lesson.es.md line ${block.line}) after the lines before it: the solution follows the text's click-to-run blocks in order`); continue; }
          at = found + 1;
        }
      }
      if (block.file !== null) {
        const want = block.code.replace(/\n*$/, '');
        if (![...solution.source.values()].some((t) => t.replace(/\n*$/, '') === want)) issues.push(`solution/: no file holds the content of the copy-to-editor block for ${block.file} (step "${step.id}", lesson.es.md line ${block.line}): put it in solution/files/${block.file} or a file written with #@ file`);
      }
    }
  }
  return issues;
}

/** Plays `practice` on a fresh machine (starter files, then its own); grades at its `#@ check` lines. */
async function play(loaded: LoadedLesson, practice: Practice, checks: Checks, after?: (m: PracticeMachine) => Promise<void>) {
  const machine = await PracticeMachine.boot();
  try {
    machine.writeFiles(loaded.source.files);
    machine.writeFiles(practice.files);
    const points = await machine.play(practice.actions, checks, (p) => practice.source.get(p) ?? '');
    await after?.(machine);
    return points;
  } finally {
    await machine.dispose();
  }
}

const said = (r: CheckResult): string => (r.error ? `it could not run: ${r.error}` : `hint "${r.hint}": ${r.message.en}`);

/** Runs the solution; problems name each check that did not pass, and where. */
export async function runSolution(loaded: LoadedLesson, checks: Checks): Promise<{ problems: string[]; passed: number; passedIds: Set<string>; ms: number }> {
  const t0 = Date.now();
  const problems: string[] = [];
  let passed = 0;
  const passedIds = new Set<string>();
  if (!loaded.solution) return { problems: ['there is no solution to run'], passed, passedIds, ms: 0 };
  try {
    for (const point of await play(loaded, loaded.solution, checks)) {
      for (const r of point.results) {
        if (r.passed) { passed++; passedIds.add(r.id); }
        else problems.push(`solution: at "#@ check ${point.step}" (commands.sh line ${point.line}), check "${r.id}" failed — ${said(r)}`);
      }
    }
  } catch (e) {
    problems.push(`solution: ${(e as Error).message}`);
  }
  return { problems, passed, passedIds, ms: Date.now() - t0 };
}

/** Runs a wrong attempt; a problem when its check passes, or fails with another hint. */
export async function runAttempt(loaded: LoadedLesson, attempt: LoadedAttempt, checks: Checks): Promise<{ problems: string[]; result: CheckResult | null; ms: number }> {
  const t0 = Date.now();
  const spec = attempt.spec;
  const label = `attempt ${attempt.name}`;
  const target = spec ? checks.list.find((c) => c.id === spec.check) : undefined;
  if (!spec || !target) return { problems: [`${label}: attempt.json does not name a check of the lesson`], result: null, ms: 0 };
  let result: CheckResult | null = null;
  try {
    await play(loaded, attempt, checks, async (m) => {
      result = (await grade({ kind: 'lesson-checks', list: [target] }, m.context()))[0] ?? null;
    });
  } catch (e) {
    return { problems: [`${label}: ${(e as Error).message}`], result, ms: Date.now() - t0 };
  }
  const r = result as CheckResult | null;
  const problems: string[] = [];
  if (!r) problems.push(`${label}: check "${spec.check}" did not run`);
  else if (r.passed) problems.push(`${label}: check "${spec.check}" passed, but this attempt (${spec.mistake}) must fail it with hint "${spec.hint}"`);
  else if (r.hint !== spec.hint) problems.push(`${label}: check "${spec.check}" failed as it should, but ${r.error ? said(r) : `with hint "${r.hint}" instead of "${spec.hint}" (${r.message.en})`}`);
  return { problems, result: r, ms: Date.now() - t0 };
}

export interface LessonReport {
  dir: string;
  ok: boolean;
  /** One line per thing verified or found wrong, for people. */
  lines: string[];
  problems: string[];
}

/** Runs `tasks` with at most `limit` at once, results in order. */
async function pooled<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, async () => {
    while (next < tasks.length) { const i = next++; out[i] = await tasks[i]!(); }
  }));
  return out;
}

/** Everything about one lesson folder: static checks, then the solution and the attempts (several at once). */
export async function verifyLesson(path: string): Promise<LessonReport> {
  const lines: string[] = [];
  const problems: string[] = [];
  let loaded: LoadedLesson;
  try {
    loaded = loadLessonDir(path);
  } catch (e) {
    return { dir: path, ok: false, lines: [`✗ ${(e as Error).message}`], problems: [(e as Error).message] };
  }
  const dir = loaded.source.dir;
  const st = await checkStatic(loaded);
  problems.push(...st.issues);
  if (st.issues.length === 0 && st.lesson && st.checks) {
    const steps = st.lesson.text.es.steps.length;
    const points = st.checks.list.reduce((n, c) => n + c.points, 0);
    lines.push(`✓ lesson.json, lesson.es.md and lesson.en.md: ${steps} steps, in step`, `✓ checks.ts: ${st.checks.list.length} checks, ${points} points; ${loaded.attempts.length} wrong attempts`);
  } else {
    for (const i of st.issues) lines.push(`✗ ${i}`);
  }
  const checks = st.checks;
  if (checks) {
    const runs = await pooled<{ problems: string[]; line: string }>([
      async () => { const r = await runSolution(loaded, checks); return { problems: r.problems, line: `solution: ${r.passed} checks passed (${(r.ms / 1000).toFixed(1)} s)` }; },
      ...loaded.attempts.filter((a) => a.spec).map((a) => async () => {
        const r = await runAttempt(loaded, a, checks);
        return { problems: r.problems, line: `attempt ${a.name}: fails "${a.spec!.check}" with hint "${a.spec!.hint}" (${(r.ms / 1000).toFixed(1)} s)` };
      }),
    ], 4);
    for (const r of runs) {
      if (r.problems.length === 0) lines.push(`✓ ${r.line}`);
      for (const p of r.problems) lines.push(`✗ ${p}`);
      problems.push(...r.problems);
    }
  }
  return { dir, ok: problems.length === 0, lines, problems };
}
