// How deps-cached reads the Dockerfiles students write (the solution and
// attempts play the lesson's own; these are the other forms): the ways of
// copying package.json and the lock before the install, npm's install
// commands, and where a failed npm ci stopped. Graded on build records made
// here, as the CLI would have received them; none of these cases reaches the
// image read of the passing path, so the client is never used.
import { describe, expect, it } from 'vitest';
import type { BuildRecord } from '../kit/builds.ts';
import { grade, type CheckContext } from '../kit/checks.ts';
import checks from './checks.ts';

/** A build record of tienda: `steps` as `Dockerfile line` or `=Dockerfile line` (cached); `failed`: it stopped at its last step. */
function build(steps: string[], opts: { failed?: boolean } = {}): BuildRecord {
  return {
    tags: ['tienda'], dockerfile: 'Dockerfile', noCache: false,
    steps: ['FROM node:22-alpine', ...steps].map((s, i) => ({ index: i + 1, instruction: s.replace(/^=/, ''), cached: s.startsWith('=') })),
    imageId: opts.failed ? null : 'sha256:' + 'a'.repeat(64),
    error: opts.failed ? `The command '/bin/sh -c npm ci' returned a non-zero code: 1` : null,
    complete: true, at: 0,
  };
}

const noClient = new Proxy({}, { get: () => { throw new Error('the client is not used here'); } }) as CheckContext['client'];

async function depsHint(b: BuildRecord): Promise<string | null> {
  const [r] = await grade(checks, { client: noClient, commands: [], lastBuild: b }, { step: 'order' });
  if (r!.error) throw new Error(r!.error);
  return r!.hint;
}

/** The install ran (not cached): deps-cached accepts the order and asks for a code change next. */
const orderAccepted = (copies: string[], install = 'RUN npm ci'): BuildRecord => build(['=WORKDIR /app', ...copies.map((c) => `=${c}`), install, 'COPY . .']);

describe('deps-cached: the ways of copying package.json and the lock first', () => {
  it.each([
    [['COPY package*.json ./']],
    [['COPY package.json package-lock.json ./']],
    [['COPY ./package.json ./package-lock.json /app/']],
    [['COPY ["package.json", "package-lock.json", "./"]']],
    [['COPY package.json ./', 'COPY package-lock.json ./']],
    [['COPY ["package.json", "./"]', 'COPY package-lock.json .']],
    [['COPY --chown=node:node package*.json ./']],
    [['ADD package*.json ./']],
    [['COPY *.json ./']],
    [['COPY package[-.]*json ./']],
  ])('%j then npm ci', async (copies) => {
    expect(await depsHint(orderAccepted(copies))).toBe('depsRebuilt');
  });

  it.each(['RUN npm install', 'RUN npm i', 'RUN npm ci --omit=dev', 'RUN ["npm", "ci"]', 'RUN npm ci && npm cache clean --force', 'RUN npm clean-install'])('%s as the install step', async (install) => {
    expect(await depsHint(orderAccepted(['COPY package*.json ./'], install))).toBe('depsRebuilt');
  });

  it('the install cached and the code rebuilt passes that point; the code unchanged does not', async () => {
    expect(await depsHint(build(['=WORKDIR /app', '=COPY package*.json ./', '=RUN npm ci', '=COPY . .', '=CMD ["node", "server.js"]']))).toBe('codeUnchanged');
  });
});

describe('deps-cached: the mistakes', () => {
  it.each([
    ['COPY . .'],
    ['COPY ./ /app'],
    ['COPY * ./'],
    ['COPY server.js package*.json ./'],
    ['COPY --chown=node:node . .'],
  ])('%s before the install copies the code', async (copy) => {
    expect(await depsHint(build(['=WORKDIR /app', copy, 'RUN npm ci', 'CMD ["node", "server.js"]']))).toBe('sourceFirst');
  });

  it('a COPY --from (another image, not the context) is not the code', async () => {
    expect(await depsHint(orderAccepted(['COPY --from=deps /app/node_modules ./node_modules', 'COPY package*.json ./']))).toBe('depsRebuilt');
  });

  it('npm install with package.json alone: the lock is ignored', async () => {
    expect(await depsHint(orderAccepted(['COPY package.json ./'], 'RUN npm install'))).toBe('lockIgnored');
    expect(await depsHint(orderAccepted([], 'RUN npm install'))).toBe('lockIgnored');
  });

  it('npm ci that failed without the lock copied: npm\'s EUSAGE; with the lock: npm ci refused (out of sync)', async () => {
    expect(await depsHint(build(['WORKDIR /app', 'COPY package.json ./', 'RUN npm ci'], { failed: true }))).toBe('lockMissing');
    expect(await depsHint(build(['=WORKDIR /app', 'COPY package*.json ./', 'RUN npm ci'], { failed: true }))).toBe('ciRefused');
    expect(await depsHint(build(['WORKDIR /app', 'COPY . .', 'RUN npm ci'], { failed: true }))).toBe('ciRefused');
  });

  it('the other checks name the same npm failures', async () => {
    const b = build(['WORKDIR /app', 'COPY package.json ./', 'RUN npm ci'], { failed: true });
    const results = await grade(checks, { client: noClient, commands: [], lastBuild: b }, { step: 'twice' });
    expect(results.map((r) => r.hint)).toEqual(['lockMissing']);
  });

  it('no install step, and no code copied after it', async () => {
    expect(await depsHint(build(['=WORKDIR /app', 'COPY . .', 'CMD ["node", "server.js"]']))).toBe('noInstall');
    expect(await depsHint(build(['=WORKDIR /app', '=COPY package*.json ./', 'RUN npm ci', 'CMD ["node", "server.js"]']))).toBe('noCodeCopy');
  });
});
