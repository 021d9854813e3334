// npm's scripts in containers of the node image: npm start / test / run and
// their output, statuses and environment, `docker stop` reaching the script
// through npm, npx, npm init -y and global installs — as npm 10.9.2 does.
import { describe, expect, it } from 'vitest';
import type { Daemon } from './daemon/daemon.ts';
import { buildWith, logText, testDaemon, until } from './daemon/testing/harness.ts';

const PKG = {
  name: 'demo', version: '1.0.0',
  scripts: {
    test: 'echo "Error: no test specified" && exit 1', build: 'echo building', prebuild: 'echo pre', postbuild: 'echo post',
    fail: 'echo failing; exit 3', env: 'echo "$npm_lifecycle_event $npm_package_name $npm_package_version $npm_command $INIT_CWD" && echo "$PATH" | cut -d: -f1-3',
  },
};

async function image(d: Daemon, pkg: object = PKG, extra: Record<string, string> = {}): Promise<void> {
  const r = await buildWith(d, {
    Dockerfile: 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\n', 'package.json': JSON.stringify(pkg, null, 2) + '\n', ...extra,
  }, { tags: ['demo'] });
  expect(r.error).toBeUndefined();
}

async function sh(d: Daemon, script: string): Promise<{ out: string; err: string; code: number }> {
  const { container, exitCode } = await d.run({ image: d.images.mustResolve('demo'), cmd: ['sh', '-c', script] });
  return { out: logText(container), err: logText(container, 'stderr'), code: exitCode };
}

describe('npm run, start and test', () => {
  it('prints the banners, runs pre/post scripts and passes arguments after --', async () => {
    const d = await testDaemon();
    await image(d);
    expect(await sh(d, 'npm run build -- --watch "a b"')).toEqual({
      out: '\n> demo@1.0.0 prebuild\n> echo pre\n\npre\n\n> demo@1.0.0 build\n> echo building --watch a b\n\nbuilding --watch a b\n\n> demo@1.0.0 postbuild\n> echo post\n\npost\n',
      err: '', code: 0,
    });
    expect((await sh(d, 'npm run build --silent')).out).toBe('pre\nbuilding\npost\n');
  });

  it('gives the script npm\'s environment and node_modules/.bin first on PATH, from a subfolder too', async () => {
    const d = await testDaemon();
    await image(d);
    const r = await sh(d, 'mkdir -p src && cd src && npm run env --silent && npm test --silent 2>/dev/null; echo "status=$?"');
    expect(r.out).toBe('env demo 1.0.0 run-script /app/src\n/app/node_modules/.bin:/node_modules/.bin:/usr/local/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin\n'
      + 'Error: no test specified\nstatus=1\n');
  });

  it('exits with the script\'s status and prints nothing more, as npm does for run-script', async () => {
    const d = await testDaemon();
    await image(d);
    expect(await sh(d, 'npm run fail; echo "status=$?"; npm test; echo "status=$?"')).toEqual({
      out: '\n> demo@1.0.0 fail\n> echo failing; exit 3\n\nfailing\nstatus=3\n\n> demo@1.0.0 test\n> echo "Error: no test specified" && exit 1\n\nError: no test specified\nstatus=1\n',
      err: '', code: 0,
    });
  });

  it('lists the scripts, and says "Missing script" with suggestions', async () => {
    const d = await testDaemon();
    await image(d);
    const r = await sh(d, 'npm run; npm start; echo "status=$?"; npm run biuld');
    expect(r.out).toBe('Lifecycle scripts included in demo@1.0.0:\n  test\n    echo "Error: no test specified" && exit 1\navailable via `npm run-script`:\n'
      + '  build\n    echo building\n  prebuild\n    echo pre\n  postbuild\n    echo post\n  fail\n    echo failing; exit 3\n  env\n'
      + '    echo "$npm_lifecycle_event $npm_package_name $npm_package_version $npm_command $INIT_CWD" && echo "$PATH" | cut -d: -f1-3\nstatus=1\n');
    expect(r.err.replace(/\d{4}-\d\d-\d\dT[\d_]+Z/g, 'TIME')).toBe('npm error Missing script: "start"\nnpm error\nnpm error Did you mean one of these?\n'
      + 'npm error   npm star # Mark your favorite packages\nnpm error   npm stars # View packages marked as favorites\nnpm error\n'
      + 'npm error To see a list of scripts, run:\nnpm error   npm run\nnpm error A complete log of this run can be found in: /root/.npm/_logs/TIME-debug-0.log\n'
      + 'npm error Missing script: "biuld"\nnpm error\nnpm error To see a list of scripts, run:\nnpm error   npm run\n'
      + 'npm error A complete log of this run can be found in: /root/.npm/_logs/TIME-debug-0.log\n');
  });

  it('npm start runs `node server.js` when there is a server.js and no start script', async () => {
    const d = await testDaemon();
    await image(d, { name: 'demo', version: '1.0.0' }, { 'server.js': 'console.log("listening on", process.argv.slice(2).join(","))\n' });
    expect(await sh(d, 'npm start -- 3000')).toEqual({ out: '\n> demo@1.0.0 start\n> node server.js 3000\n\nlistening on 3000\n', err: '', code: 0 });
  });

  it('forwards docker stop\'s SIGTERM to the script; a script killed by it makes npm (PID 1) fail as npm does', async () => {
    const d = await testDaemon();
    await image(d, { name: 'demo', version: '1.0.0', scripts: { start: 'trap "echo caught; exit 0" TERM; echo up; while :; do sleep 1; done', hard: 'echo up; sleep 600' } });
    for (const [script, expected] of [['start', { out: '\n> demo@1.0.0 start\n> trap "echo caught; exit 0" TERM; echo up; while :; do sleep 1; done\n\nup\ncaught\n', code: 0 }],
      ['hard', { out: '\n> demo@1.0.0 hard\n> echo up; sleep 600\n\nup\n', code: 1 }]] as const) {
      const c = d.containers.create({ image: d.images.mustResolve('demo'), cmd: ['npm', 'run', script] });
      d.containers.start(c);
      await until(() => logText(c).includes('up\n'), 'the script to start');
      await d.containers.stop(c, 10);
      expect({ out: logText(c), code: await c.wait() }).toEqual(expected);
      if (script === 'hard') expect(logText(c, 'stderr')).toMatch(/^npm error path \/app\nnpm error command failed\nnpm error signal SIGTERM\nnpm error command sh -c echo up; sleep 600\nnpm error A complete log/);
    }
  });
});

describe('npx, npm init and global installs', () => {
  it('npx runs a bin from node_modules/.bin, or installs the package into npx\'s cache first', async () => {
    const d = await testDaemon();
    await image(d, { name: 'demo', version: '1.0.0', dependencies: { nanoid: '^3.3.0' } });
    const local = await sh(d, 'npm install --silent && npx nanoid --size 5 | wc -c && ls /root/.npm');
    expect(local).toEqual({ out: '6\n_cacache\n_logs\n', err: '', code: 0 });
    const fresh = await sh(d, 'npx nanoid | wc -c; npx --yes nanoid | wc -c; ls /root/.npm/_npx/*/node_modules; npx nothere-zz; echo "status=$?"');
    expect(fresh.out).toBe('22\n22\nnanoid\nstatus=1\n');
    expect(fresh.err).toMatch(/^npm warn exec The following package was not found and will be installed: nanoid@6\.0\.2\nnpm error code ENOTCACHED\nnpm error request to https:\/\/registry\.npmjs\.org\/nothere-zz failed/);
  });

  it('npm init -y writes package.json with npm\'s defaults', async () => {
    const d = await testDaemon();
    await image(d, {}, { 'server.js': '' });
    const r = await sh(d, 'mkdir /srv/node-my-app && cd /srv/node-my-app && touch server.js && npm init -y && npm init -y >/dev/null && cat package.json | wc -l');
    expect(r.out).toBe('Wrote to /srv/node-my-app/package.json:\n\n{\n  "name": "my-app",\n  "version": "1.0.0",\n  "main": "server.js",\n  "scripts": {\n'
      + '    "test": "echo \\"Error: no test specified\\" && exit 1"\n  },\n  "keywords": [],\n  "author": "",\n  "license": "ISC",\n  "description": ""\n}\n\n\n\n12\n');
  });

  it('npm install -g puts the package in /usr/local/lib/node_modules and its bins in /usr/local/bin; a non-root user gets EACCES', async () => {
    const d = await testDaemon();
    await image(d, {});
    const r = await sh(d, 'npm install -g nanoid && readlink /usr/local/bin/nanoid && ls /usr/local/lib/node_modules && nanoid --size 3 | wc -c && npm uninstall -g nanoid && ls /usr/local/bin | grep -c nanoid');
    expect(r.out.replace(/ in \d+m?s/g, ' in X')).toBe('\nadded 1 package in X\n\n1 package is looking for funding\n  run `npm fund` for details\n'
      + '../lib/node_modules/nanoid/bin/nanoid.js\ncorepack\nnanoid\nnpm\n4\n\nremoved 1 package in X\n0\n');
    const { container, exitCode } = await d.run({ image: d.images.mustResolve('demo'), cmd: ['npm', 'install', '-g', 'nanoid'], user: 'node' });
    expect(logText(container, 'stderr')).toMatch(/^npm error code EACCES\nnpm error syscall mkdir\nnpm error path \/usr\/local\/lib\/node_modules\/nanoid\nnpm error errno -13\n/);
    expect(exitCode).toBe(243);
  });
});
