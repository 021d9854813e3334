// The lesson-ready sample (issue 8): tienda, the Express app in lesson 06's
// starter files, built with the Dockerfile Docker's getting-started guide
// teaches (dependencies before sources), run, and asked over the virtual
// network by curl in another container — the answers are the app's, the
// `RUN npm ci` layer comes from the cache when only server.js changes, and a
// change to package.json installs again.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defineChecks } from '../kit/checks.ts';
import { PracticeMachine } from '../kit/runner.ts';
import type { ScriptAction } from '../kit/script.ts';

const FILES = new URL('./files/tienda/', import.meta.url).pathname;
const ORDERED = 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nEXPOSE 3000\nCMD ["node", "server.js"]\n';

function tienda(): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(FILES)) if (statSync(join(FILES, name)).isFile()) files.set(`tienda/${name}`, readFileSync(join(FILES, name), 'utf8'));
  files.set('tienda/Dockerfile', ORDERED);
  return files;
}

let machine: PracticeMachine | null = null;
afterEach(async () => { await machine?.dispose(); machine = null; });

/** Types each line at the host's prompt and returns what the terminal showed meanwhile. */
async function typed(m: PracticeMachine, lines: string[]): Promise<string> {
  const from = m.transcript.length;
  const actions: ScriptAction[] = lines.map((text, i) => ({ kind: 'type', text, line: i + 1 }));
  await m.play(actions, defineChecks([]), () => '');
  return m.transcript.slice(from);
}

describe('the sample app: tienda', () => {
  it('builds with npm ci, answers curl from another container, and keeps its install layer while only the code changes', async () => {
    const m = machine = await PracticeMachine.boot({ waitMs: 60_000 });
    m.writeFiles(tienda());
    const first = await typed(m, ['docker build -t tienda tienda']);
    expect(first).toMatch(/Step 4\/7 : RUN npm ci\r?\n ---> Running in \w+\r?\n\r?\nadded 68 packages, and audited 69 packages in \d+m?s\r?\n/);
    expect(first).toContain('Successfully tagged tienda:latest');

    const asked = await typed(m, [
      'docker network create tiendanet',
      'docker run -d --name tienda --network tiendanet tienda',
      // The app needs a moment to start: ask until it answers (for at most ten seconds).
      "docker run --rm --network tiendanet alpine sh -c 'apk add -q --no-cache curl; for i in $(seq 20); do curl -sf http://tienda:3000/api/productos && break; sleep 0.5; done; echo; curl -s http://tienda:3000/'",
    ]);
    expect(asked).toContain('[{"nombre":"Taza","precio":8},{"nombre":"Camiseta","precio":15},{"nombre":"Pegatinas","precio":2}]');
    expect(asked).toContain('<h1>Bienvenido a la tienda</h1>');
    expect(asked).toContain('<li>Taza: 8 €</li>');

    // Only the code changes: the install comes from the cache.
    m.writeFiles(new Map([['tienda/server.js', readFileSync(join(FILES, 'server.js'), 'utf8').replace('Bienvenido a la tienda', 'Rebajas en la tienda')]]));
    const code = await typed(m, ['docker build -t tienda tienda']);
    expect(code).toMatch(/Step 4\/7 : RUN npm ci\r?\n ---> Using cache\r?\n/);
    expect(code).toMatch(/Step 5\/7 : COPY \. \.\r?\n ---> (?!Using cache)/);

    // package.json changes: npm ci runs again.
    const pkg = JSON.parse(readFileSync(join(FILES, 'package.json'), 'utf8')) as { description?: string };
    m.writeFiles(new Map([['tienda/package.json', `${JSON.stringify({ ...pkg, description: 'otra descripción' }, null, 2)}\n`]]));
    const manifest = await typed(m, ['docker build -t tienda tienda']);
    expect(manifest).toMatch(/Step 4\/7 : RUN npm ci\r?\n ---> Running in \w+\r?\n\r?\nadded 68 packages/);
  }, 180_000);
});
