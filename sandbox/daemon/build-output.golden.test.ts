// Golden files for build output (the legacy builder's words, with the IDs a
// deterministic daemon gives): testfiles/<case>/ holds a context (Dockerfile
// and files), options.json (tags, buildArgs, target, how many builds) and
// the expected output. `UPDATE_GOLDEN=1 npx vitest run` rewrites them.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildWith, testDaemon, type FileSpec } from './testing/harness.ts';

const dir = fileURLToPath(new URL('./testfiles', import.meta.url));

interface Options { tags?: string[]; target?: string; buildArgs?: Record<string, string>; builds?: number }

function readContext(caseDir: string): Record<string, FileSpec> {
  const files: Record<string, FileSpec> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const rel = relative(caseDir, p);
      if (rel === 'output' || rel === 'options.json') continue;
      if (statSync(p).isDirectory()) walk(p);
      else files[rel] = readFileSync(p, 'utf8');
    }
  };
  walk(caseDir);
  return files;
}

describe('build output golden files', () => {
  for (const name of readdirSync(dir).sort()) {
    it(name, async () => {
      const caseDir = join(dir, name);
      const opts = JSON.parse(readFileSync(join(caseDir, 'options.json'), 'utf8')) as Options;
      const d = await testDaemon();
      let got = '';
      for (let i = 1; i <= (opts.builds ?? 1); i++) {
        const r = await buildWith(d, readContext(caseDir), {
          ...(opts.tags && { tags: opts.tags }),
          ...(opts.target && { target: opts.target }),
          ...(opts.buildArgs && { buildArgs: new Map(Object.entries(opts.buildArgs)) }),
        });
        got += `=== build ${i}\n${r.output}${r.error ? `ERROR: ${r.error}\n` : ''}`;
      }
      const outFile = join(caseDir, 'output');
      if (process.env.UPDATE_GOLDEN || !existsSync(outFile)) writeFileSync(outFile, got);
      expect(got).toBe(readFileSync(outFile, 'utf8'));
    });
  }
});
