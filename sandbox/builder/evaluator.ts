// The build, start to end (moby's builder/dockerfile/builder.go): parse the
// Dockerfile into stages, work out which stages the target needs, then for
// each stage start from its base and dispatch its instructions one by one.
// Every instruction is one step: printed as `Step N/M : <instruction>`,
// answered from the cache when the same step ran on the same parent before
// (after the first miss a stage stops probing), otherwise executed and
// committed as a new image, printed as ` ---> <id>`. Output streams as the
// legacy builder's text; errors surface as BuildError with Docker's words.
import type { Image } from '../image/store.ts';
import { familiarString, parseReference, withDefaultTag } from '../image/reference.ts';
import { hexOf } from '../layer/digest.ts';
import { BuildError, type BuildBackend } from './backend.ts';
import type { SourceTree } from './build-context.ts';
import type { DispatchContext } from './context.ts';
import { dispatch } from './dispatchers/index.ts';
import { baseName, resolveFrom } from './dispatchers/from.ts';
import { toInstruction, type Instruction } from './instructions.ts';
import { parseDockerfile } from './parse.ts';
import { findStage, planDockerfile, type DockerfilePlan, type Stage } from './stages.ts';
import { StageState } from './state.ts';
import { expandWord } from './substitute.ts';

export interface BuildOptions {
  /** The build context (confined, with its .dockerignore). */
  context: SourceTree;
  /** Dockerfile text (read from the context by the caller). */
  dockerfile: string;
  /** Its name, for messages (`Dockerfile`, `docker/app.Dockerfile`). */
  dockerfileName?: string;
  tags?: string[];
  buildArgs?: ReadonlyMap<string, string>;
  labels?: ReadonlyMap<string, string>;
  noCache?: boolean;
  target?: string;
  /** Receives the build's text output as it happens. */
  onOutput?: (text: string) => void;
}

export interface BuildResult {
  image: Image;
  tags: string[];
}

const short = (image: Image | null): string => (image ? hexOf(image.id).slice(0, 12) : '');

/** Stages the target depends on (FROM an earlier stage, COPY --from), in order. */
function neededStages(plan: DockerfilePlan, target: Stage, metaVars: ReadonlyMap<string, string>): Stage[] {
  const needed = new Set<number>();
  const visit = (stage: Stage): void => {
    if (needed.has(stage.index)) return;
    needed.add(stage.index);
    const base = findStage(plan.stages, baseName(stage.from, metaVars, plan.escape), stage.index);
    if (base) visit(base);
    for (const ins of stage.commands) {
      if ((ins.kind === 'COPY') && ins.from !== undefined) {
        const ref = findStage(plan.stages, expandWord(ins.from, metaVars, plan.escape), stage.index);
        if (ref) visit(ref);
      }
    }
  };
  visit(target);
  return plan.stages.filter((s) => needed.has(s.index));
}

/** Runs a whole build. Throws BuildError (or a parse error) on failure. */
export async function build(backend: BuildBackend, opts: BuildOptions): Promise<BuildResult> {
  const out = opts.onOutput ?? (() => {});
  const fileName = opts.dockerfileName ?? 'Dockerfile';
  const plan = planDockerfile(opts.dockerfile, fileName);
  const tags = (opts.tags ?? []).map((t) => {
    try { return familiarString(withDefaultTag(parseReference(t))); } catch { throw new BuildError(`invalid reference format: ${t}`); }
  });
  const buildArgs = opts.buildArgs ?? new Map<string, string>();
  const usedBuildArgs = new Set<string>();

  // Global ARGs: values for FROM lines.
  const metaArgs = new Map<string, string | undefined>();
  const metaVars = new Map<string, string>();
  for (const ins of plan.metaArgs) {
    for (const arg of ins.args) {
      let value = arg.defaultValue !== undefined ? expandWord(arg.defaultValue, metaVars, plan.escape) : undefined;
      if (buildArgs.has(arg.name)) { value = buildArgs.get(arg.name); usedBuildArgs.add(arg.name); }
      metaArgs.set(arg.name, value);
      if (value !== undefined) metaVars.set(arg.name, value);
    }
  }

  const target = opts.target !== undefined ? findStage(plan.stages, opts.target) : plan.stages[plan.stages.length - 1]!;
  if (!target || (opts.target !== undefined && target.name !== opts.target.toLowerCase())) {
    throw new BuildError(`failed to reach build target ${opts.target} in Dockerfile`);
  }
  const stages = neededStages(plan, target, metaVars);
  const labelStep = labelInstruction(opts.labels, plan.escape, target);
  const total = plan.metaArgs.length + stages.reduce((n, s) => n + 1 + s.commands.length, 0) + (labelStep ? 1 : 0);
  let step = 0;
  const printStep = (original: string): void => out(`Step ${++step}/${total} : ${original}\n`);

  for (const ins of plan.metaArgs) printStep(ins.original);

  const stageResults = new Map<number, Image | null>();
  let last: Image | null = null;
  for (const stage of stages) {
    printStep(stage.from.original);
    const state = new StageState();
    const base = await resolveFrom({ stages: plan.stages, stageResults, metaVars, escape: plan.escape, getImage: (r) => backend.getImage(r) }, stage);
    state.adopt(base);
    out(` ---> ${short(base)}\n`);
    const d: DispatchContext = {
      backend, state, escape: plan.escape, stages: plan.stages, stage, stageResults, context: opts.context,
      buildArgs, metaArgs, usedBuildArgs, noCache: opts.noCache ?? false, out,
    };
    await runTriggers(d, base);
    const commands: Instruction[] = [...stage.commands, ...(stage === target && labelStep ? [labelStep] : [])];
    for (const ins of commands) {
      printStep(ins.original);
      await dispatch(d, ins);
      out(` ---> ${short(state.image)}\n`);
    }
    stageResults.set(stage.index, state.image);
    last = state.image;
  }
  if (!last) throw new BuildError('No image was generated. Is your Dockerfile empty?');

  const unused = [...buildArgs.keys()].filter((k) => !usedBuildArgs.has(k)).sort();
  if (unused.length > 0) out(`[Warning] One or more build-args [${unused.join(' ')}] were not consumed\n`);
  out(`Successfully built ${short(last)}\n`);
  for (const tag of tags) {
    backend.images.tag(last.id, tag);
    out(`Successfully tagged ${tag}\n`);
  }
  return { image: last, tags };
}

/** `--label k=v` options become one LABEL step at the end of the target stage. */
function labelInstruction(labels: ReadonlyMap<string, string> | undefined, escape: string, target: Stage): Instruction | null {
  if (!labels || labels.size === 0) return null;
  const quote = (s: string): string => `"${s.replace(/(["\\$])/g, '\\$1')}"`;
  const text = 'LABEL ' + [...labels].map(([k, v]) => `${quote(k)}=${quote(v)}`).join(' ');
  const raw = parseDockerfile(text).instructions[0]!;
  return toInstruction({ ...raw, line: (target.commands.at(-1)?.line ?? target.from.line) + 1 }, escape);
}

/** Runs the base image's ONBUILD triggers, then clears them from the new config. */
async function runTriggers(d: DispatchContext, base: Image | null): Promise<void> {
  const triggers = base?.config.config.OnBuild ?? [];
  if (triggers.length === 0) return;
  d.out(`# Executing ${triggers.length} build trigger${triggers.length === 1 ? '' : 's'}\n`);
  d.state.config.OnBuild = null;
  for (const text of triggers) {
    const raw = parseDockerfile(text).instructions[0];
    if (!raw) continue;
    await dispatch(d, toInstruction(raw, d.escape));
  }
}
