// npm's smaller commands in a node container — pkg, ls -g, help and usage,
// unknown commands — and the file formats npm keeps (a one-line
// package.json stays one line; the lock then uses npm's two spaces), as
// npm 10.9.2 does them.
import { describe, expect, it } from 'vitest';
import type { Daemon } from './daemon/daemon.ts';
import { buildWith, logText, testDaemon } from './daemon/testing/harness.ts';

async function sh(d: Daemon, pkgJson: string, script: string): Promise<{ out: string; err: string; code: number }> {
  const r = await buildWith(d, { Dockerfile: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\n', 'package.json': pkgJson }, { tags: ['t'] });
  expect(r.error).toBeUndefined();
  const { container, exitCode } = await d.run({ image: d.images.mustResolve('t'), cmd: ['sh', '-c', script] });
  return { out: logText(container), err: logText(container, 'stderr'), code: exitCode };
}

describe('npm commands', () => {
  it('npm pkg gets, sets and deletes package.json keys, keeping the file\'s format', async () => {
    const d = await testDaemon();
    const r = await sh(d, '{"name":"pk","version":"1.0.0","scripts":{"test":"x"}}',
      'npm pkg get name; npm pkg get name version; npm pkg get nope; npm pkg set scripts.start="node server.js" type=module tags[0]=a keywords[]=x keywords[]=y && '
      + 'npm pkg set private=true --json && npm pkg delete scripts.test && cat package.json; npm pkg set; echo "status=$?"');
    expect(r.out).toBe('"pk"\n{\n  "name": "pk",\n  "version": "1.0.0"\n}\n{}\n'
      + '{"name":"pk","version":"1.0.0","scripts":{"start":"node server.js"},"type":"module","tags":["a"],"keywords":["x","y"],"private":true}status=1\n');
    expect(r.err).toMatch(/^npm error code EUSAGE\nnpm error\nnpm error npm pkg set expects a key=value pair of args\.\nnpm error\nnpm error Manages your package.json\n/);
  });

  it('a one-line package.json stays one line after npm install <pkg>; the lock files use two spaces', async () => {
    const d = await testDaemon();
    const r = await sh(d, '{"name":"cp","version":"1.0.0","dependencies":{"ms":"^2"}}', 'npm i lodash --silent && cat package.json && echo && head -2 package-lock.json node_modules/.package-lock.json');
    expect(r.out).toBe('{"name":"cp","version":"1.0.0","dependencies":{"lodash":"^4.18.1","ms":"^2"}}\n'
      + '==> package-lock.json <==\n{\n  "name": "cp",\n\n==> node_modules/.package-lock.json <==\n{\n  "name": "cp",\n');
  });

  it('npm init asks for each field (here typed through a pipe), shows the result and writes it once confirmed', async () => {
    const d = await testDaemon();
    const r = await sh(d, '{}', 'rm package.json && printf "myapp\\n\\ndemo app\\nserver.js\\n\\n\\nweb api\\nme\\nMIT\\ny\\n" | npm init >/dev/null && cat package.json');
    expect(JSON.parse(r.out)).toEqual({ name: 'myapp', version: '1.0.0', description: 'demo app', main: 'server.js',
      scripts: { test: 'echo "Error: no test specified" && exit 1' }, keywords: ['web', 'api'], author: 'me', license: 'MIT' });
    expect(Object.keys(JSON.parse(r.out))).toEqual(['name', 'version', 'description', 'main', 'scripts', 'keywords', 'author', 'license']);
  });

  it('npm ls -g lists the global packages; npm -v, npm help, unknown commands', async () => {
    const d = await testDaemon();
    const r = await sh(d, '{}', 'npm ls -g; npm -v; npm help | sed -n "1p;16,18p;27,28p"; npm isntal -h | head -1; npm frobnicate; echo "status=$?"');
    expect(r.out).toBe('/usr/local/lib\n├── corepack@0.31.0\n└── npm@10.9.2\n\n10.9.2\nnpm <command>\n'
      + '    access, adduser, audit, bugs, cache, ci, completion,\n    config, dedupe, deprecate, diff, dist-tag, docs, doctor,\n    edit, exec, explain, explore, find-dupes, fund, get, help,\n'
      + 'Specify configs in the ini-formatted file:\n    /root/.npmrc\nInstall a package\n'
      + 'Unknown command: "frobnicate"\n\nTo see a list of supported npm commands, run:\n  npm help\nstatus=1\n');
  });
});
