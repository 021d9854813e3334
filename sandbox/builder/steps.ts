// A Dockerfile's build steps and the lines they come from, for whoever
// follows a build from outside (the page puts each step's result on its
// lines). The builder's own parse (parse.ts → stages.ts) is the only
// source: the steps are the ones the evaluator prints as `Step N/M : …`,
// with the same `original` text — the global ARGs first, then every stage's
// FROM and its instructions in order. Which stages a given build runs (its
// target and what the target needs) depends on the build's options; a
// caller matches the printed steps against this list.
import { parseDockerfile } from './parse.ts';
import { planParsed } from './stages.ts';

export interface DockerfileStep {
  /** The stage's index (0-based), or -1 for a global ARG before the first FROM. */
  stage: number;
  /** The stage's name (`AS build`), lower-cased as the builder keeps it. */
  stageName?: string;
  /** `FROM`, `RUN`, `COPY`… */
  keyword: string;
  /** The instruction on one line, as the builder prints it in `Step N/M : <original>`. */
  original: string;
  /** 1-based first line (the keyword's). */
  line: number;
  /** 1-based last line: continuation lines and heredoc bodies included. */
  endLine: number;
  /**
   * The step may add a layer: its dispatcher produces a change set (RUN,
   * COPY, ADD, WORKDIR — an empty one is recorded as no layer). The other
   * instructions only change the image's config: never a layer.
   */
  writesLayer: boolean;
}

/** The dispatchers that commit a change set (dispatchers/{run,copy,add,workdir}.ts). */
const LAYER_WRITERS: ReadonlySet<string> = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/**
 * Every step of a Dockerfile, in the builder's order, with its lines.
 * Throws the builder's DockerfileParseError (its `line` says where) for a
 * Dockerfile the builder would refuse.
 * @example
 *   dockerfileSteps('FROM busybox AS b\nRUN echo \\\n  hi\n')
 *   // [{ stage: 0, stageName: 'b', keyword: 'FROM', original: 'FROM busybox AS b', line: 1, endLine: 1, writesLayer: false },
 *   //  { stage: 0, stageName: 'b', keyword: 'RUN', original: 'RUN echo   hi', line: 2, endLine: 3, writesLayer: true }]
 */
export function dockerfileSteps(text: string, fileName = 'Dockerfile'): DockerfileStep[] {
  const parsed = parseDockerfile(text, fileName);
  const plan = planParsed(parsed, fileName);
  const endLines = new Map<number, number>();
  for (const raw of parsed.instructions) endLines.set(raw.line, raw.endLine);
  const step = (stage: number, stageName: string | undefined, ins: { kind: string; line: number; original: string }): DockerfileStep => ({
    stage, ...(stageName !== undefined && { stageName }), keyword: ins.kind, original: ins.original,
    line: ins.line, endLine: endLines.get(ins.line) ?? ins.line, writesLayer: LAYER_WRITERS.has(ins.kind),
  });
  const out = plan.metaArgs.map((ins) => step(-1, undefined, ins));
  for (const s of plan.stages) {
    out.push(step(s.index, s.name, s.from));
    for (const ins of s.commands) out.push(step(s.index, s.name, ins));
  }
  return out;
}
