// History rows → what each step left (a layer and its size, no layer, the
// base image's size) → the marks' words and kinds.
import { describe, expect, it } from 'vitest';
import { dockerfileSteps } from '../../sandbox/index.ts';
import { composeMarks, factsFromHistory, parseErrorMark, type HistoryRow } from './build-layers.ts';
import { matchSteps } from './build-lines.ts';
import type { BuildOutcome, ObservedStep } from './build-stream.ts';

const id = (short: string): string => `sha256:${short.padEnd(64, '0')}`;
const TEXT = 'FROM nginx:alpine\nCOPY site/ /html/\nRUN true\nEXPOSE 80\n';
const STEPS: ObservedStep[] = [
  { n: 1, total: 4, original: 'FROM nginx:alpine', cached: false, imageId: 'base00000000' },
  { n: 2, total: 4, original: 'COPY site/ /html/', cached: true, imageId: 'copy00000000' },
  { n: 3, total: 4, original: 'RUN true', cached: false, imageId: 'run000000000' },
  { n: 4, total: 4, original: 'EXPOSE 80', cached: false, imageId: 'expose000000' },
];
// Newest first, as GET /images/{id}/history answers.
const ROWS: HistoryRow[] = [
  { Id: id('expose000000'), Size: 0 }, { Id: id('run000000000'), Size: 0 }, { Id: id('copy00000000'), Size: 1234 },
  { Id: id('base00000000'), Size: 0 }, { Id: '<missing>', Size: 5_000_000 }, { Id: '<missing>', Size: 2_000_000 },
];

describe('factsFromHistory', () => {
  it('a layer and its size, config only, 0 bytes from a step that may write one, the base summed', async () => {
    const file = matchSteps(STEPS, await dockerfileSteps(TEXT));
    expect([...factsFromHistory([0, 1, 2, 3], STEPS, file, ROWS)]).toEqual([
      [0, { kind: 'base', size: 7_000_000 }],
      [1, { kind: 'layer', size: 1234 }],
      [2, { kind: 'unsure' }],
      [3, { kind: 'none' }],
    ]);
  });

  it('FROM scratch; steps missing from the history or unmatched are left out', async () => {
    const steps: ObservedStep[] = [
      { n: 1, total: 3, original: 'FROM scratch', cached: false, imageId: '' },
      { n: 2, total: 3, original: 'COPY a /a', cached: false, imageId: 'feed00000000' },
      { n: 3, total: 3, original: 'LABEL "x"="y"', cached: false, imageId: 'beef00000000' },
    ];
    const file = matchSteps(steps, await dockerfileSteps('FROM scratch\nCOPY a /a\n'));
    expect([...factsFromHistory([0, 1, 2], steps, file, [{ Id: id('beef00000000'), Size: 0 }])]).toEqual([[0, { kind: 'base', size: null }]]);
  });
});

describe('composeMarks', () => {
  const outcome = (steps: ObservedStep[], error: string | null = null): BuildOutcome => ({ steps, imageId: error ? null : id('expose000000'), error });

  it('sizes in Docker’s words, cached or built, the notes', async () => {
    const file = matchSteps(STEPS, await dockerfileSteps(TEXT));
    const facts = new Map([[0, { kind: 'base', size: 7_000_000 } as const], [1, { kind: 'layer', size: 1234 } as const], [2, { kind: 'none' } as const]]);
    expect(composeMarks({ outcome: outcome(STEPS), file, facts, notInFinal: new Set([3]) })).toEqual([
      { line: 1, kind: 'cached', text: 'base image · 7MB' },
      { line: 2, kind: 'cached', text: '1.23kB · cached' },
      { line: 3, kind: 'built', text: 'no layer · built' },
      { line: 4, kind: 'built', text: 'built · not in final image' },
    ]);
  });

  it('the failed step is the error; nothing after it', async () => {
    const steps = [...STEPS.slice(0, 2), { ...STEPS[2]!, imageId: null }];
    const file = matchSteps(steps, await dockerfileSteps(TEXT));
    expect(composeMarks({ outcome: outcome(steps, 'boom'), file, facts: new Map(), notInFinal: new Set() })).toEqual([
      { line: 1, kind: 'cached', text: 'base image' },
      { line: 2, kind: 'cached', text: 'cached' },
      { line: 3, kind: 'error', text: 'boom' },
    ]);
  });
});

describe('parseErrorMark', () => {
  it('the line a parse error names', async () => {
    expect(parseErrorMark('dockerfile parse error on line 3: unknown flag: bogus')).toEqual({ line: 3, kind: 'error', text: 'dockerfile parse error on line 3: unknown flag: bogus' });
    expect(parseErrorMark('failed to reach build target x in Dockerfile')).toBeNull();
    expect(parseErrorMark(null)).toBeNull();
  });
});
