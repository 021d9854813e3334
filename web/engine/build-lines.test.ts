// Printed build steps → the Dockerfile's lines (the engine's own parse):
// global ARGs, stages a --target skips, a stage cut short by a failure,
// --label's extra step, continuation lines and heredocs.
import { describe, expect, it } from 'vitest';
import { dockerfileSteps } from '../../sandbox/index.ts';
import { matchSteps, stageGroups } from './build-lines.ts';
import type { ObservedStep } from './build-stream.ts';

const printed = (...originals: string[]): ObservedStep[] => originals.map((original, i) => ({ n: i + 1, total: originals.length, original, cached: false, imageId: 'abc' }));
const lines = async (text: string, steps: ObservedStep[]) => matchSteps(steps, await dockerfileSteps(text)).map((s) => s?.line ?? null);

const MULTI = `ARG BASE=busybox
FROM \${BASE} AS build
RUN echo one > /one
FROM busybox AS debug
RUN echo debug
FROM busybox AS final
COPY --from=build /one /one
CMD ["cat", "/one"]
`;

describe('stageGroups', () => {
  it('the global ARGs, then one run per FROM', async () => {
    expect(stageGroups(printed('ARG A', 'FROM a', 'RUN x', 'from b', 'CMD y'))).toEqual([[0], [1, 2], [3, 4]]);
    expect(stageGroups(printed())).toEqual([]);
  });
});

describe('matchSteps', () => {
  it('every stage of a whole build, in order', async () => {
    expect(await lines(MULTI, printed('ARG BASE=busybox', 'FROM ${BASE} AS build', 'RUN echo one > /one', 'FROM busybox AS debug', 'RUN echo debug', 'FROM busybox AS final', 'COPY --from=build /one /one', 'CMD ["cat", "/one"]')))
      .toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('a stage the target does not need is skipped; --label adds a step found nowhere', async () => {
    expect(await lines(MULTI, printed('ARG BASE=busybox', 'FROM ${BASE} AS build', 'RUN echo one > /one', 'FROM busybox AS final', 'COPY --from=build /one /one', 'CMD ["cat", "/one"]', 'LABEL "a"="b"')))
      .toEqual([1, 2, 3, 6, 7, 8, null]);
  });

  it('the same FROM twice: the printed instructions tell the stages apart', async () => {
    const text = 'FROM busybox\nRUN echo a\nFROM busybox\nRUN echo b\n';
    expect(await lines(text, printed('FROM busybox', 'RUN echo b'))).toEqual([3, 4]);
    expect(await lines(text, printed('FROM busybox', 'RUN echo a', 'FROM busybox', 'RUN echo b'))).toEqual([1, 2, 3, 4]);
  });

  it('a build that failed part-way matches as far as it got', async () => {
    expect(await lines(MULTI, printed('ARG BASE=busybox', 'FROM ${BASE} AS build', 'RUN echo one > /one', 'FROM busybox AS final', 'COPY --from=build /one /one'))).toEqual([1, 2, 3, 6, 7]);
  });

  it('continuation lines and heredocs: the step is its first line', async () => {
    const text = 'FROM busybox\n# note\nRUN echo a \\\n  && echo b\nRUN <<EOF\necho c\nEOF\nCMD ["sh"]\n';
    expect(await lines(text, printed('FROM busybox', 'RUN echo a   && echo b', 'RUN <<EOF', 'CMD ["sh"]'))).toEqual([1, 3, 5, 8]);
  });

  it('a printed stage the file does not have (the file changed) matches nothing', async () => {
    expect(await lines('FROM busybox\nRUN echo a\n', printed('FROM alpine', 'RUN echo a'))).toEqual([null, null]);
  });
});
