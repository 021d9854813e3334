// Golden tests for the parser (BuildKit's parser/testfiles layout): each
// testfiles/<case>/Dockerfile is parsed into typed instructions and compared
// with testfiles/<case>/result. `UPDATE_GOLDEN=1 npx vitest run` rewrites them.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planDockerfile } from './stages.ts';

const dir = fileURLToPath(new URL('./testfiles', import.meta.url));

function render(text: string): string {
  try {
    const plan = planDockerfile(text);
    const lines = [`escape ${JSON.stringify(plan.escape)}`];
    for (const a of plan.metaArgs) lines.push(`meta ${JSON.stringify(a)}`);
    for (const s of plan.stages) {
      lines.push(`stage ${s.index}${s.name ? ` ${s.name}` : ''} ${JSON.stringify(s.from)}`);
      for (const c of s.commands) lines.push(`  ${JSON.stringify(c)}`);
    }
    return lines.join('\n') + '\n';
  } catch (e) {
    return `error: ${(e as Error).message}\n`;
  }
}

describe('Dockerfile parser golden files', () => {
  for (const name of readdirSync(dir).sort()) {
    it(name, () => {
      const got = render(readFileSync(join(dir, name, 'Dockerfile'), 'utf8'));
      const resultFile = join(dir, name, 'result');
      if (process.env.UPDATE_GOLDEN || !existsSync(resultFile)) writeFileSync(resultFile, got);
      expect(got).toBe(readFileSync(resultFile, 'utf8'));
      expect(got.startsWith('error: ')).toBe(name.startsWith('error-'));
    });
  }
});

describe('parser in a browser-like host', () => {
  it('parses without a global Buffer (browsers and workers have none)', () => {
    const g = globalThis as Record<string, unknown>;
    const saved = g.Buffer;
    delete g.Buffer;
    try {
      expect(planDockerfile('FROM busybox\nRUN echo hi\n').stages[0]!.commands).toHaveLength(1);
      expect(g.Buffer).toBeUndefined();
    } finally {
      g.Buffer = saved;
    }
  });
});
