// What each build step left in its image, read from GET /images/{id}/history
// (newest first; a row's Id is the local image whose history ends there —
// with the legacy builder, the step's own image, printed ` ---> <id>`), and
// the marks the editor shows for it:
//   FROM …        "base image · 7.8MB"       (the base's own rows summed)
//   RUN/COPY/ADD  "1.2kB · built" / "1.2kB · cached"
//   ENV, CMD…     "no layer · cached"        (config only: never a layer)
//   failed step   the build's error message  (kind error)
// A stage's layers are read from that stage's last image: the final stage
// from the built image; an earlier stage the final one builds on (FROM
// build) is in the same history; any other stage's from its own last image,
// and its marks say "not in final image" (a multi-stage build leaves them
// behind). A RUN/COPY/ADD/WORKDIR with 0 bytes may have made no layer at
// all (nothing changed): 'unsure' until the layer counts say (build-follow.ts).
import type { DockerfileStep } from '../../sandbox/index.ts';
import { humanSize } from '../../sandbox/api/units.ts';
import type { BuildOutcome, ObservedStep } from './build-stream.ts';
import type { BuildMarkWire } from './protocol.ts';

/** A row of GET /images/{id}/history (the fields used here). */
export interface HistoryRow { Id: string; Size: number }

export type LayerFact =
  | { kind: 'layer'; size: number }
  | { kind: 'none' }
  | { kind: 'base'; size: number | null }
  | { kind: 'unsure' };

/** Whether a history row belongs to the image printed as ` ---> <short>`. */
export const rowIs = (row: HistoryRow, short: string): boolean => short !== '' && (row.Id.startsWith(`sha256:${short}`) || row.Id.startsWith(short));

/**
 * The layer facts of one stage's printed steps (indices into `observed`),
 * from the history of an image that holds them; steps not found are left out.
 */
export function factsFromHistory(group: readonly number[], observed: readonly ObservedStep[], file: ReadonlyArray<DockerfileStep | null>, rows: readonly HistoryRow[]): Map<number, LayerFact> {
  const facts = new Map<number, LayerFact>();
  for (const i of group) {
    const step = observed[i]!;
    const ins = file[i];
    if (step.imageId === null || !ins) continue;
    if (ins.keyword === 'FROM') {
      if (step.imageId === '') { facts.set(i, { kind: 'base', size: null }); continue; }
      const at = rows.findIndex((r) => rowIs(r, step.imageId!));
      if (at >= 0) facts.set(i, { kind: 'base', size: rows.slice(at).reduce((n, r) => n + r.Size, 0) });
      continue;
    }
    const row = rows.find((r) => rowIs(r, step.imageId!));
    if (!row) continue;
    facts.set(i, row.Size > 0 ? { kind: 'layer', size: row.Size } : ins.writesLayer ? { kind: 'unsure' } : { kind: 'none' });
  }
  return facts;
}

export interface MarkInput {
  outcome: BuildOutcome;
  /** The Dockerfile step of each printed step (matchSteps). */
  file: ReadonlyArray<DockerfileStep | null>;
  facts: ReadonlyMap<number, LayerFact>;
  /** Printed steps whose image the final image does not hold. */
  notInFinal: ReadonlySet<number>;
}

/** One mark per printed step that came from the Dockerfile, and the error's. */
export function composeMarks({ outcome, file, facts, notInFinal }: MarkInput): BuildMarkWire[] {
  const marks: BuildMarkWire[] = [];
  outcome.steps.forEach((step, i) => {
    const ins = file[i];
    if (!ins) return;
    if (step.imageId === null) {
      if (outcome.error !== null && i === outcome.steps.length - 1) marks.push({ line: ins.line, kind: 'error', text: outcome.error });
      else if (ins.stage === -1) marks.push({ line: ins.line, kind: 'cached', text: 'global ARG · no layer' });
      return;
    }
    const fact = facts.get(i);
    const note = notInFinal.has(i) ? ' · not in final image' : '';
    if (ins.keyword === 'FROM') {
      const size = fact?.kind === 'base' ? (fact.size === null ? 'empty (scratch)' : humanSize(fact.size)) : '';
      marks.push({ line: ins.line, kind: 'cached', text: `base image${size && ` · ${size}`}${note}` });
      return;
    }
    const size = !fact ? '' : fact.kind === 'layer' ? humanSize(fact.size) : fact.kind === 'unsure' ? humanSize(0) : fact.kind === 'none' ? 'no layer' : '';
    marks.push({ line: ins.line, kind: step.cached ? 'cached' : 'built', text: `${size && `${size} · `}${step.cached ? 'cached' : 'built'}${note}` });
  });
  return marks;
}

/**
 * A build that failed before any step, on a Dockerfile the parser refused:
 * its error names the line (`dockerfile parse error on line 3: …`).
 */
export function parseErrorMark(error: string | null): BuildMarkWire | null {
  const m = error ? /\bon line (\d+)\b/.exec(error) : null;
  const line = m ? Number(m[1]) : 0;
  return line >= 1 ? { line, kind: 'error', text: error! } : null;
}
