// Issue 8 in the page: the Dockerfile students write most (FROM node:20-alpine,
// COPY package*.json, RUN npm install, COPY . ., CMD node) builds in the
// browser with npm installing express from the site's offline store (fetched
// by the engine worker), and the express app answers in the preview.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRunBrowser, openPlayground, terminalText, typeInTerminal, type Playground } from './testing/browser.ts';

const SERVER = "const express = require('express'); const app = express(); app.get('/', (req, res) => res.send('<h1>Hola desde Express ' + require('express/package.json').version + '</h1>')); app.listen(3000, () => console.log('escuchando en 3000'));";

describe.skipIf(!canRunBrowser)('a Node web app in the page', () => {
  let pg: Playground;
  beforeAll(async () => { pg = await openPlayground(); }, 120_000);
  afterAll(async () => { await pg?.close(); });

  it('npm install express from the offline store, then the app answers in the preview', async () => {
    const { page } = pg;
    await page.locator('[data-testid="terminal"] .xterm-rows').getByText('$').first().waitFor({ timeout: 30_000 });
    await typeInTerminal(page, 'mkdir -p app && cd app && echo \'{"name":"app","version":"1.0.0"}\' > package.json');
    await typeInTerminal(page, `echo "${SERVER}" > server.js`);
    await typeInTerminal(page, "printf 'FROM node:20-alpine\\nWORKDIR /app\\nCOPY package*.json ./\\nRUN npm install express\\nCOPY . .\\nEXPOSE 3000\\nCMD [\"node\", \"server.js\"]\\n' > Dockerfile");
    // The pane opens once the app answers (as a student would after `docker logs`), so no 'nothing answers yet' page.
    await typeInTerminal(page, 'clear; docker build -t app . && docker run -d --name app -p 3000:3000 app && until curl -sf -o /dev/null localhost:3000; do sleep 0.2; done && echo "LIS""TO"');
    await expect.poll(() => terminalText(page), { timeout: 90_000, interval: 500 }).toMatch(/LISTO|error/);
    const text = await terminalText(page);
    expect(text).toMatch(/added \d+ packages, and audited \d+ packages in/);
    expect(text).toContain('LISTO');
    await page.getByTestId('tab-preview').click();
    const frame = page.frameLocator('[data-testid="preview-frame"]');
    await frame.getByText(/Hola desde Express 5\.\d+\.\d+/).waitFor({ timeout: 30_000 });
    expect(pg.errors).toEqual([]);
  }, 150_000);

  it('ES modules, fetch and unhandled rejections in the page\'s QuickJS as under Node (the worker compiles its own WASM)', async () => {
    const { page } = pg;
    // The app above answers as app:3000 to containers on a network with it (the default bridge has no names).
    await typeInTerminal(page, 'clear; docker network create esm-net >/dev/null && docker network connect esm-net app');
    await typeInTerminal(page, `printf '%s\\n' 'import { platform } from "node:os";' 'const r = await fetch("http://app:3000/");' 'console.log(platform(), r.status, (await r.text()).slice(0, 24));' > esm.mjs`);
    await typeInTerminal(page, 'docker run --rm --network esm-net -v "$PWD/esm.mjs:/esm.mjs" node:22-alpine node /esm.mjs; echo "esm $?"');
    await typeInTerminal(page, `docker run --rm node:22-alpine node -e "Promise.reject(new Error('perdida')); setInterval(() => {}, 1000)"; echo "rejection $?"`);
    await expect.poll(() => terminalText(page), { timeout: 60_000, interval: 500 }).toMatch(/rejection \d+/);
    const text = await terminalText(page);
    expect(text).toContain('linux 200 <h1>Hola desde Express');
    expect(text).toContain('esm 0');
    expect(text).toMatch(/Error: perdida/);
    expect(text).toContain('rejection 1');
    expect(pg.errors).toEqual([]);
  }, 120_000);

  it('a package the store does not have fails as npm does offline', async () => {
    const { page } = pg;
    await typeInTerminal(page, 'clear; docker run --rm node:20-alpine npm install left-pad-that-does-not-exist; echo "status $?"');
    await expect.poll(() => terminalText(page), { timeout: 60_000, interval: 500 }).toMatch(/status \d+/);
    const text = await terminalText(page);
    expect(text).toMatch(/npm error code (E404|ENOTCACHED)/);
    expect(text).toContain('status 1');
  }, 90_000);
});
