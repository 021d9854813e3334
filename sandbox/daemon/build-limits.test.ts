// Builds that would exhaust the engine fail early with a clear message, and
// the engine goes on building: the 125-layer chain limit of dockerd's layer
// store, a bound on the instruction count, word expansion bombs.
import { describe, expect, it } from 'vitest';
import { MAX_LAYER_DEPTH } from '../layer/store.ts';
import { MAX_INSTRUCTIONS } from '../builder/stages.ts';
import { buildWith, testDaemon } from './testing/harness.ts';

describe('build limits', () => {
  it('a chain deeper than 125 layers fails with dockerd\'s "max depth exceeded"; 125 are fine', async () => {
    const d = await testDaemon();
    // busybox has one layer: 124 more make 125.
    const ok = await buildWith(d, { Dockerfile: 'FROM busybox\n' + Array.from({ length: MAX_LAYER_DEPTH - 1 }, (_, i) => `RUN echo ${i} > /f\n`).join('') });
    expect(ok.error).toBeUndefined();
    const deep = await buildWith(d, { Dockerfile: 'FROM busybox\n' + Array.from({ length: MAX_LAYER_DEPTH }, (_, i) => `RUN echo ${i} > /f\n`).join('') });
    expect(deep.error).toBe('max depth exceeded');
    expect(deep.output).toContain(`Step ${MAX_LAYER_DEPTH + 1}/${MAX_LAYER_DEPTH + 1} : RUN echo ${MAX_LAYER_DEPTH - 1} > /f`);
  });

  it('thousands of instructions are refused at the first one over the bound, at once', async () => {
    const d = await testDaemon();
    const lines = Array.from({ length: 5000 }, (_, i) => `ENV V${i}=${i}`);
    const r = await buildWith(d, { Dockerfile: `FROM busybox\n${lines.join('\n')}\n` });
    expect(r.error).toBe(`dockerfile parse error on line ${MAX_INSTRUCTIONS + 1}: the Dockerfile (Dockerfile) has 5001 instructions: the playground builds at most ${MAX_INSTRUCTIONS}. Merge RUN lines and group ENV/LABEL pairs into one instruction each`);
    expect((await buildWith(d, { Dockerfile: `FROM busybox\n${lines.slice(0, 300).join('\n')}\n` })).error).toBeUndefined();
  });

  it('doubling ENV and ARG values stops at the expansion bound; the engine then builds as before', async () => {
    const d = await testDaemon();
    for (const kw of ['ENV', 'ARG']) {
      const bomb = `FROM busybox\n${kw} A=${'a'.repeat(64)}\n${`${kw} A=$A$A\n`.repeat(30)}RUN echo \${#A}\n`;
      expect((await buildWith(d, { Dockerfile: bomb })).error).toBe('expanded word is too long');
    }
    expect((await buildWith(d, { Dockerfile: 'FROM busybox\nRUN echo still here\n' })).error).toBeUndefined();
  });
});
