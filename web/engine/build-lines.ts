// Which Dockerfile line each printed build step came from. The engine's
// parser gives the Dockerfile's steps in its order (dockerfileSteps: the
// global ARGs, then each stage's FROM and instructions); the build prints
// only the stages its target needs (`--target`, and the stages that one
// builds on), each whole and in file order, plus a LABEL step of its own
// for `--label`. So the printed steps are cut into stages at each FROM, and
// each printed stage is the first file stage, after the previous match,
// with the same FROM text whose instructions the printed ones begin with
// (a failed build stops part-way through one). Steps printed from nothing
// in the file (`--label`'s LABEL) match nothing.
import type { DockerfileStep } from '../../sandbox/index.ts';
import type { ObservedStep } from './build-stream.ts';

const isFrom = (original: string): boolean => /^from\s/i.test(original);

/**
 * The printed steps cut into runs: the global ARGs' (if any, first and
 * without a FROM), then one per stage from its FROM. Indices into `observed`.
 */
export function stageGroups(observed: readonly ObservedStep[]): number[][] {
  const groups: number[][] = [];
  let current: number[] | null = null;
  for (let i = 0; i < observed.length; i++) {
    if (isFrom(observed[i]!.original) || !current) { current = []; groups.push(current); }
    current.push(i);
  }
  return groups;
}

/**
 * The Dockerfile step of each printed step (same indices), or null.
 * @example matchSteps(parser.end().steps, dockerfileSteps(text)).map((s) => s?.line)
 */
export function matchSteps(observed: readonly ObservedStep[], file: readonly DockerfileStep[]): Array<DockerfileStep | null> {
  const out: Array<DockerfileStep | null> = observed.map(() => null);
  const meta = file.filter((s) => s.stage === -1);
  const stages: DockerfileStep[][] = [];
  for (const s of file) if (s.stage >= 0) (stages[s.stage] ??= []).push(s);
  let next = 0;
  for (const group of stageGroups(observed)) {
    const printed = group.map((i) => observed[i]!.original);
    if (!isFrom(printed[0]!)) {
      group.forEach((i, k) => { if (meta[k]?.original === printed[k]) out[i] = meta[k]!; });
      continue;
    }
    for (let s = next; s < stages.length; s++) {
      const steps = stages[s] ?? [];
      const n = Math.min(steps.length, printed.length);
      let same = true;
      for (let k = 0; k < n && same; k++) same = steps[k]!.original === printed[k];
      if (!same || n === 0) continue;
      for (let k = 0; k < n; k++) out[group[k]!] = steps[k]!;
      next = s + 1;
      break;
    }
  }
  return out;
}
