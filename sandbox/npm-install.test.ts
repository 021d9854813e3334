// `npm install` in the tutorial's Dockerfile, across the daemon, the builder
// and the npm program, installing from the playground's package store: what
// it prints, what it leaves in the layer (node_modules, the lock files, npm's
// cache and log), how the build cache treats it, npm ci's and offline
// errors, and which versions a bare `npm install <pkg>` picks for the
// image's Node, as npm 10.9.2 gives them.
import { describe, expect, it } from 'vitest';
import type { Daemon } from './daemon/daemon.ts';
import { buildWith, cacheTrace, imageFs, logText, T0, testDaemon, type FileSpec } from './daemon/testing/harness.ts';
import { npmTree } from './programs/node/testing/npm-tree.ts';
import { runOnHost } from './programs/node/testing/node-apps.ts';

const DOCKERFILE = 'FROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install\nCOPY . .\nEXPOSE 3000\nCMD ["node", "server.js"]\n';
const PKG = JSON.stringify({ name: 'getting-started', version: '1.0.0', main: 'server.js', dependencies: { express: '^5.1.0' } }, null, 2) + '\n';
const app = (extra: Record<string, FileSpec> = {}): Record<string, FileSpec> => ({ Dockerfile: DOCKERFILE, 'package.json': PKG, 'server.js': 'console.log("hi")\n', ...extra });
const text = (d: Daemon, image: Parameters<typeof imageFs>[1], path: string): string => new TextDecoder().decode(imageFs(d, image).readFileSync(path));

/** What a RUN step printed (between its "Running in" and "Removed intermediate container" lines). */
function stepOutput(output: string, step: string): string {
  const start = output.indexOf(`: ${step}\n`);
  const body = output.slice(output.indexOf('\n', output.indexOf(' ---> Running in ', start)) + 1);
  return body.slice(0, body.search(/ ---> Removed intermediate container|The command '/));
}

async function run(d: Daemon, image: string, cmd: string[]): Promise<{ out: string; err: string; code: number }> {
  const { container, exitCode } = await d.run({ image: d.images.mustResolve(image), cmd });
  return { out: logText(container), err: logText(container, 'stderr'), code: exitCode };
}

describe('npm install in a Dockerfile', () => {
  it('installs express and its dependencies as npm does, and says so in npm\'s words', async () => {
    const d = await testDaemon();
    const r = await buildWith(d, app(), { tags: ['app'] });
    expect(r.error).toBeUndefined();
    expect(stepOutput(r.output, 'RUN npm install')).toMatch(
      /^\nadded 68 packages, and audited 69 packages in \d+ms\n\n31 packages are looking for funding\n {2}run `npm fund` for details\n\nfound 0 vulnerabilities\n$/);
    const fs = imageFs(d, r.image!);
    expect(fs.readdirSync('/app/node_modules')).toHaveLength(69); // 68 packages and .package-lock.json
    expect(JSON.parse(text(d, r.image!, '/app/node_modules/express/package.json')).version).toBe('5.3.0');
    const lock = JSON.parse(text(d, r.image!, '/app/package-lock.json'));
    expect(lock).toMatchObject({ name: 'getting-started', version: '1.0.0', lockfileVersion: 3, requires: true });
    expect(lock.packages['']).toEqual({ name: 'getting-started', version: '1.0.0', dependencies: { express: '^5.1.0' } });
    expect(lock.packages['node_modules/express']).toMatchObject({ version: '5.3.0', resolved: 'https://registry.npmjs.org/express/-/express-5.3.0.tgz', license: 'MIT' });
    expect(lock.packages['node_modules/express'].integrity).toMatch(/^sha512-/);
    const hidden = JSON.parse(text(d, r.image!, '/app/node_modules/.package-lock.json'));
    expect(Object.keys(hidden.packages)).toEqual(Object.keys(lock.packages).filter((k) => k !== ''));
    // What npm leaves in the layer besides: its cache and the run's log.
    expect(fs.readdirSync('/root/.npm/_cacache').sort()).toEqual(['content-v2', 'index-v5']);
    expect(fs.readdirSync('/root/.npm/_logs')).toHaveLength(1);
  });

  it('reuses the RUN npm install layer when only the sources change, and installs again when package.json changes', async () => {
    const d = await testDaemon();
    await buildWith(d, app(), { tags: ['app'] });
    const sources = await buildWith(d, app({ 'server.js': 'console.log("changed")\n' }), { tags: ['app'] });
    expect(cacheTrace(sources.output)).toEqual(['FROM node:22-alpine', 'WORKDIR /app  [cached]', 'COPY package*.json ./  [cached]', 'RUN npm install  [cached]',
      'COPY . .', 'EXPOSE 3000', 'CMD ["node", "server.js"]']);
    const deps = await buildWith(d, app({ 'package.json': PKG.replace('"express": "^5.1.0"', '"express": "^5.1.0",\n    "lodash": "^4.17.21"') }), { tags: ['app'] });
    expect(cacheTrace(deps.output).slice(2, 4)).toEqual(['COPY package*.json ./', 'RUN npm install']);
    expect(stepOutput(deps.output, 'RUN npm install')).toMatch(/^\nadded 69 packages, and audited 70 packages in \d+ms\n/);
  });

  it('npm ci installs what the lock pins, and refuses without a lock or with one out of sync', async () => {
    const d = await testDaemon();
    const first = await buildWith(d, app(), { tags: ['app'] });
    const lock = text(d, first.image!, '/app/package-lock.json');
    const ci = (files: Record<string, FileSpec>): ReturnType<typeof buildWith> => buildWith(d, { ...files, Dockerfile: DOCKERFILE.replace('RUN npm install', 'RUN npm ci') });
    const ok = await ci(app({ 'package-lock.json': lock }));
    expect(stepOutput(ok.output, 'RUN npm ci')).toMatch(/^\nadded 68 packages, and audited 69 packages in \d+ms\n/);
    expect(text(d, ok.image!, '/app/package-lock.json')).toBe(lock);

    const none = await ci(app());
    expect(none.error).toBe("The command '/bin/sh -c npm ci' returned a non-zero code: 1");
    expect(stepOutput(none.output, 'RUN npm ci')).toMatch(/^npm error code EUSAGE\nnpm error\nnpm error The `npm ci` command can only install with an existing package-lock.json or\n/);

    const outOfSync = await ci(app({ 'package-lock.json': lock, 'package.json': PKG.replace('"express": "^5.1.0"', '"express": "^5.1.0",\n    "lodash": "^4.17.21"') }));
    expect(outOfSync.error).toBe("The command '/bin/sh -c npm ci' returned a non-zero code: 1");
    expect(stepOutput(outOfSync.output, 'RUN npm ci')).toContain('npm error `npm ci` can only install packages when your package.json and package-lock.json or npm-shrinkwrap.json are in sync. '
      + 'Please update your lock file with `npm install` before continuing.\nnpm error\nnpm error Missing: lodash@4.18.1 from lock file\nnpm error\nnpm error Clean install a project\n');
  });

  it('fails like npm offline for a package the store has not got, and saves nothing', async () => {
    const d = await testDaemon();
    await buildWith(d, app(), { tags: ['app'] });
    const r = await run(d, 'app', ['sh', '-c', 'npm install leftpad-nonexistent; echo "status=$?"; cat package.json']);
    expect(r.err).toMatch(new RegExp('^npm error code ENOTCACHED\nnpm error request to https://registry.npmjs.org/leftpad-nonexistent failed: '
      + "cache mode is 'only-if-cached' but no cached response is available.\nnpm error\nnpm error The playground is offline: npm installs from its built-in package store, a fixed\n"
      + 'npm error set of real packages. It has express, lodash, dayjs, uuid, chalk, dotenv, cors,\nnpm error morgan, nanoid, mocha and their dependencies.\n'
      + 'npm error A complete log of this run can be found in: /root/.npm/_logs/\\d{4}-\\d\\d-\\d\\dT\\d\\d_\\d\\d_\\d\\d_\\d{3}Z-debug-0\\.log\n$'));
    expect(r.out).toBe(`status=1\n${PKG}`);
    const log = await run(d, 'app', ['sh', '-c', 'npm install lodash@3 2>&1 | tail -2 | head -1; cat /root/.npm/_logs/*.log | grep -c "error code"']);
    expect(log.out).toBe('npm error set of real packages. It has lodash 4.18.1 only.\n1\n');
  });

  it('keeps registry documents and tarballs in ~/.npm/_cacache until `npm cache clean --force` (which npm refuses without --force)', async () => {
    const d = await testDaemon();
    await buildWith(d, app(), { tags: ['app'] });
    const r = await run(d, 'app', ['sh', '-c', 'npm cache ls | grep -c "express"; npm cache verify | sed -n 2,3p; '
      // verify re-hashes the content: a damaged file is removed and counted.
      + 'echo damaged > "$(find /root/.npm/_cacache/content-v2 -type f | head -1)"; npm cache verify | sed -n 2,4p; '
      + 'npm cache clean 2>&1 | head -1; npm cache clean --force && ls /root/.npm']);
    expect(r.out).toMatch(/^2\nContent verified: 136 \(\d+ bytes\)\nIndex entries: 136\nContent verified: 135 \(\d+ bytes\)\nCorrupted content removed: 1\nIndex entries: 136\nnpm error As of npm@5, the npm cache self-heals from corruption issues\n_logs\n$/);
    expect(r.err).toBe('npm warn using --force Recommended protections disabled.\n');
  });

  it('as a user who may not write the project\'s folder (USER node after WORKDIR /app made it as root), fails with npm\'s EACCES', async () => {
    const d = await testDaemon();
    const r = await buildWith(d, app({ Dockerfile: 'FROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nUSER node\nRUN npm install\n' }));
    expect(r.error).toBe("The command '/bin/sh -c npm install' returned a non-zero code: 243");
    expect(stepOutput(r.output, 'RUN npm install')).toMatch(new RegExp('^npm error code EACCES\nnpm error syscall mkdir\nnpm error path /app/node_modules\nnpm error errno -13\n'
      + "npm error \\[Error: EACCES: permission denied, mkdir '/app/node_modules'\\] \\{\nnpm error   errno: -13,\nnpm error   code: 'EACCES',\n"
      + "npm error   syscall: 'mkdir',\nnpm error   path: '/app/node_modules'\nnpm error \\}\nnpm error\nnpm error The operation was rejected by your operating system.\n"));
  });

  it('npm outdated shows what is behind the store\'s latest (exit 1), npm audit finds no advisories (ENOLOCK without a lock)', async () => {
    const d = await testDaemon();
    const r0 = await buildWith(d, app({ 'package.json': PKG.replace('"express": "^5.1.0"', '"express": "^4.18.0",\n    "ms": "2.0.0"') }), { tags: ['app'] });
    expect(r0.error).toBeUndefined();
    const r = await run(d, 'app', ['sh', '-c', 'npm outdated; echo "status=$?"; npm audit; rm package-lock.json; npm audit 2>&1 | head -2']);
    expect(r.out).toBe('Package  Current  Wanted  Latest  Location              Depended by\nexpress   4.22.3  4.22.3   5.3.0  node_modules/express  app\n'
      + 'ms         2.0.0   2.0.0   2.1.3  node_modules/ms       app\nstatus=1\nfound 0 vulnerabilities\n'
      + 'npm error code ENOLOCK\nnpm error audit This command requires an existing lockfile.\n');
  });

  it('adds, saves and removes packages: npm install <pkg>, -D, --no-save, npm uninstall', async () => {
    const d = await testDaemon();
    await buildWith(d, app(), { tags: ['app'] });
    const r = await run(d, 'app', ['sh', '-c', [
      'npm install lodash dayjs@1 --no-fund --no-audit', 'npm i -D nanoid --no-fund --no-audit', 'npm i uuid --no-save --no-fund --no-audit',
      'cat package.json', 'ls node_modules/.bin', 'npm uninstall express --no-fund', 'ls node_modules | wc -l', 'node -e "console.log(require(\'lodash\').chunk([1,2,3],2).length)"',
    ].join(' && ')]);
    expect(r.err).toBe('');
    // The same script under npm 10.9.2 against the same packages prints the same (times aside).
    expect(r.out.replace(/ in \d+m?s/g, ' in X')).toBe('\nadded 2 packages in X\n\nadded 1 package in X\n\nadded 1 package in X\n'
      + '{\n  "name": "getting-started",\n  "version": "1.0.0",\n  "main": "server.js",\n  "dependencies": {\n    "dayjs": "^1.11.23",\n    "express": "^5.1.0",\n'
      + '    "lodash": "^4.18.1"\n  },\n  "devDependencies": {\n    "nanoid": "^6.0.2"\n  }\n}\n'
      + 'nanoid\nuuid\n\nremoved 69 packages, and audited 4 packages in X\n\nfound 0 vulnerabilities\n3\n2\n');
  });

  it('npm install chalk uuid nanoid gets the registry\'s latest majors (ES modules only) that the image\'s Node may run, and a program importing them prints what Node prints', async () => {
    const d = await testDaemon();
    const APP = "import { readFileSync } from 'node:fs';\nimport chalk, { Chalk } from 'chalk';\nimport { v4, v7, validate, version } from 'uuid';\nimport { nanoid } from 'nanoid';\n"
      + "const v = (p) => JSON.parse(readFileSync(`node_modules/${p}/package.json`, 'utf8')).version;\n"
      + "console.log(v('chalk'), v('uuid'), v('nanoid'), chalk.level, JSON.stringify(chalk.green('ok')), JSON.stringify(new Chalk({ level: 1 }).green('ok')));\n"
      + "console.log(validate(v4()), version(v4()), version(v7()), nanoid().length, /^[\\w-]{21}$/.test(nanoid()));\n";
    const PKG0 = '{\n  "name": "app",\n  "version": "1.0.0"\n}\n';
    const install = (from: string, what: string): Promise<Awaited<ReturnType<typeof buildWith>>> => buildWith(d, {
      Dockerfile: `FROM ${from}\nWORKDIR /app\nCOPY package.json app.mjs ./\nRUN npm install ${what} --no-fund --no-audit && cat package.json\n`, 'package.json': PKG0, 'app.mjs': APP }, { tags: ['app'] });
    // npm 10.9.2 against this store gives the same on Node 22.14 (chalk 6 and nanoid 6 are `latest`) and on Node 20.20.2 (their engines want Node 22: 5 is the highest whose engines accept it).
    for (const [from, chalk, nanoid, tree] of [['node:22-alpine', '6.0.1', '6.0.2', ['chalk6', 'uuid14', 'nanoid6']], ['node:20-alpine', '5.6.2', '5.1.16', ['chalk5', 'uuid14', 'nanoid5']]] as const) {
      const r = await install(from, 'chalk uuid nanoid');
      expect(r.error).toBeUndefined();
      expect(stepOutput(r.output, 'RUN npm install chalk uuid nanoid --no-fund --no-audit && cat package.json').replace(/ in \d+m?s/, ' in X'))
        .toBe(`\nadded 3 packages in X\n{\n  "name": "app",\n  "version": "1.0.0",\n  "dependencies": {\n    "chalk": "^${chalk}",\n    "nanoid": "^${nanoid}",\n    "uuid": "^14.0.3"\n  }\n}\n`);
      const ours = await run(d, 'app', ['node', 'app.mjs']);
      const host = await runOnHost({ ...npmTree([...tree]), 'app.mjs': APP }, ['node', 'app.mjs'], { mtimeMs: T0 });
      expect(host.err).toBe('');
      expect(ours.err).toBe('');
      expect(ours.out).toBe(host.out);
      expect(ours.out).toBe(`${chalk} 14.0.3 ${nanoid} 0 "ok" "\\u001b[32mok\\u001b[39m"\ntrue 4 7 21 true\n`);
    }
    // A range still gets its major: the CommonJS ones stay in the store.
    const cjs = await install('node:22-alpine', 'chalk@^4 uuid@11 nanoid@3');
    expect(cjs.output).toContain('"chalk": "^4.1.2",\n    "nanoid": "^3.3.20",\n    "uuid": "^11.1.1"\n');
  }, 120_000);
});
