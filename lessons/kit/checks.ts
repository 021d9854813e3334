// The checks API: a lesson's checks.ts default-exports defineChecks([...]).
// Each check belongs to a step, is worth points, and reads the engine's
// state through the Engine API (ctx.client), the commands the student ran
// and the last build — never the terminal's text. It passes, or fails with
// one of its declared hints, aimed at the likely mistake:
//
//   check({
//     id: 'web-running', step: 'run', points: 10,
//     title: { es: 'web está en marcha', en: 'web is running' },
//     success: { es: '¡nginx sirve en el puerto 8080!', en: 'nginx serves on port 8080!' },
//     hints: { missing: { es: 'No hay ningún contenedor llamado web…', en: 'There is no container named web…' } },
//     async run(ctx) { return (await container(ctx, 'web')) ? pass() : fail('missing'); },
//   })
//
// grade() runs them (a step's, or all) and gives each a result the page can
// show: points earned and the success message or the filled-in hint.
import type { EngineClient } from '../../sandbox/index.ts';
import type { BuildRecord } from './builds.ts';
import { fillBoth, localizedIssues, type Localized, type TextVars } from './localized.ts';

/** What a check can read. The page and the test runner fill it the same way (lessons/kit/session.ts). */
export interface CheckContext {
  /** The Engine API: the only window onto the engine. */
  readonly client: EngineClient;
  /** The command lines the student ran at the host's shell, oldest first. */
  readonly commands: readonly string[];
  /** The last build the docker CLI ran (POST /build), as its response stream told the CLI; null before any. */
  readonly lastBuild: BuildRecord | null;
}

export type Outcome<H extends string = string> = { readonly pass: true } | { readonly pass: false; readonly hint: H; readonly vars?: TextVars };

export interface Check<H extends string = string> {
  /** Unique in the lesson; attempts name the check they must fail by it. */
  id: string;
  /** The step (`## Title {#step}`) the check grades. */
  step: string;
  /** A positive whole number. */
  points: number;
  /** What the check asks for, shown before it is run. */
  title: Localized;
  /** Shown when it passes. */
  success: Localized;
  /** The hints it may fail with, by key; placeholders are filled from fail()'s values. */
  hints: Readonly<Record<H, Localized>>;
  run(ctx: CheckContext): Outcome<H> | Promise<Outcome<H>>;
}

/** A lesson's checks (what checks.ts exports by default). */
export interface Checks {
  readonly kind: 'lesson-checks';
  readonly list: readonly Check[];
}

/** The checks of a lesson, in the order the page lists them. */
export function defineChecks(list: ReadonlyArray<Check<any>>): Checks {
  return { kind: 'lesson-checks', list: list as readonly Check[] };
}

/** One check, typed so that fail() accepts only the keys of its `hints`. */
export function check<const H extends string>(c: Check<H>): Check<H> {
  return c;
}

export const pass = (): Outcome<never> => ({ pass: true });

/** Fails with the hint `hint`, its placeholders filled from `vars`. */
export function fail<H extends string>(hint: H, vars?: TextVars): Outcome<H> {
  return vars ? { pass: false, hint, vars } : { pass: false, hint };
}

export interface CheckResult {
  id: string;
  step: string;
  points: number;
  /** `points` when it passed, else 0. */
  earned: number;
  passed: boolean;
  title: Localized;
  /** The success message, the filled-in hint, or why the check could not run. */
  message: Localized;
  /** The hint's key, when it failed with one. */
  hint: string | null;
  /** When the check itself broke (threw, timed out, returned an unknown hint): the reason. */
  error: string | null;
}

const CHECK_BROKE: Localized = {
  es: 'Esta comprobación no ha podido ejecutarse: {error}',
  en: 'This check could not run: {error}',
};

/** A check that takes longer than this is stopped (it should only read state). */
export const CHECK_TIMEOUT_MS = 10_000;

/**
 * Runs the checks of `step` (all when no step is given), one after another.
 * @example const results = await grade(checks, ctx, { step: 'run' });
 */
export async function grade(checks: Checks, ctx: CheckContext, opts: { step?: string; timeoutMs?: number } = {}): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const c of checks.list) {
    if (opts.step !== undefined && c.step !== opts.step) continue;
    out.push(await gradeOne(c, ctx, opts.timeoutMs ?? CHECK_TIMEOUT_MS));
  }
  return out;
}

async function gradeOne(c: Check, ctx: CheckContext, timeoutMs: number): Promise<CheckResult> {
  const base = { id: c.id, step: c.step, points: c.points, title: c.title };
  const broke = (error: string): CheckResult => ({ ...base, earned: 0, passed: false, hint: null, error, message: fillBoth(CHECK_BROKE, { error }) });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`it took longer than ${timeoutMs / 1000} s`)), timeoutMs); });
    const outcome = await Promise.race([Promise.resolve().then(() => c.run(ctx)), timeout]);
    if (outcome.pass) return { ...base, earned: c.points, passed: true, hint: null, error: null, message: c.success };
    const text = Object.hasOwn(c.hints, outcome.hint) ? c.hints[outcome.hint] : undefined;
    if (!text) return broke(`check "${c.id}" failed with the hint "${outcome.hint}", which it does not declare`);
    return { ...base, earned: 0, passed: false, hint: outcome.hint, error: null, message: fillBoth(text, outcome.vars) };
  } catch (e) {
    return broke(e instanceof Error ? e.message : String(e));
  } finally {
    clearTimeout(timer);
  }
}

/** What is wrong with a checks module: its shape, ids, steps (`stepIds`: the lesson's), points and texts. */
export function checksIssues(mod: unknown, stepIds: readonly string[]): string[] {
  const checks = (mod as { default?: unknown } | null)?.default;
  if (!checks || (checks as Checks).kind !== 'lesson-checks') return ['checks.ts: the default export must be defineChecks([...])'];
  const issues: string[] = [];
  const seen = new Set<string>();
  for (const [i, c] of (checks as Checks).list.entries()) {
    const at = `checks.ts: check ${typeof c?.id === 'string' ? `"${c.id}"` : i + 1}`;
    if (typeof c?.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(c.id)) issues.push(`${at}: "id" must be lowercase letters, digits and dashes`);
    else if (seen.has(c.id)) issues.push(`${at}: the id is used twice`);
    else seen.add(c.id);
    if (!stepIds.includes(c?.step)) issues.push(`${at}: "step" is "${String(c?.step)}", not a step of the lesson (${stepIds.join(', ')})`);
    if (!Number.isInteger(c?.points) || c.points < 1) issues.push(`${at}: "points" must be a positive whole number`);
    if (typeof c?.run !== 'function') issues.push(`${at}: "run" must be a function`);
    issues.push(...localizedIssues(c?.title, `${at} title`), ...localizedIssues(c?.success, `${at} success`));
    const hints = Object.entries(c?.hints ?? {});
    if (hints.length === 0) issues.push(`${at}: declares no hints (a failing check must say what to do)`);
    for (const [key, text] of hints) issues.push(...localizedIssues(text, `${at} hint "${key}"`));
  }
  return issues;
}
