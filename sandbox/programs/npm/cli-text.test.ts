// npm's words and texts: argv as nopt reads it, command names and their
// aliases and abbreviations, suggestions, package specs, error lines and the
// summary after an install — each as npm 10.9.2 has it.
import { describe, expect, it } from 'vitest';
import { deref } from './commands-list.ts';
import { Config, parseArgs, parseNpmrc } from './config.ts';
import { didYouMean } from './did-you-mean.ts';
import { errorLines, NpmError, usageError } from './errors.ts';
import { changedMessage, ms, reifyOutput } from './reify-output.ts';
import { parseSpec } from './spec.ts';
import { usageOf } from './usage.ts';

describe('arguments', () => {
  it('reads options anywhere, shorthands, --no-x, --k=v, and stops at --', () => {
    const { positional, cli } = parseArgs(['i', '-D', 'lodash', '--no-audit', '--omit=dev', '--loglevel', 'warn', '--save-exact', '--', '--not-an-option']);
    expect(positional).toEqual(['i', 'lodash', '--not-an-option']);
    expect(Object.fromEntries(cli)).toEqual({ 'save-dev': true, audit: false, omit: ['dev'], loglevel: 'warn', 'save-exact': true });
    expect(Object.fromEntries(parseArgs(['-ED', '-s', '--watch', 'x']).cli)).toEqual({ 'save-exact': true, 'save-dev': true, loglevel: 'silent', watch: true });
    expect(parseArgs(['run', 'build', '--watch', 'x']).positional).toEqual(['run', 'build', 'x']);
  });

  it('takes settings from the command line, then npm_config_* variables, then .npmrc files; NODE_ENV=production omits dev', () => {
    const env = new Map([['npm_config_fund', 'false'], ['NODE_ENV', 'production']]);
    const c = new Config(parseArgs(['--audit=false']).cli, env, [parseNpmrc('save-exact=true\n; comment\nfund = true\n')]);
    expect([c.bool('audit'), c.bool('fund'), c.bool('save-exact'), c.bool('package-lock'), c.str('save-prefix')]).toEqual([false, false, true, true, '^']);
    expect([...c.omit()]).toEqual(['dev']);
    expect([...new Config(parseArgs(['--include=dev']).cli, env, []).omit()]).toEqual([]);
  });
});

describe('commands', () => {
  it('finds a command by name, alias, typo or unique abbreviation', () => {
    expect(['i', 'add', 'isntall', 'insta', 'ci', 'ic', 'clean-install', 'run', 'rum', 't', 'tst', 'rm', 'un', 'x', 'list', 'innit', 'nope'].map(deref))
      .toEqual(['install', 'install', 'install', 'install', 'ci', 'ci', 'ci', 'run-script', 'run-script', 'test', 'test', 'uninstall', 'uninstall', 'exec', 'ls', 'init', undefined]);
  });

  it('suggests close commands and scripts as npm does', () => {
    expect(didYouMean(null, 'start')).toBe('\n\nDid you mean one of these?\n  npm star # Mark your favorite packages\n  npm stars # View packages marked as favorites');
    expect(didYouMean({ scripts: { build: 'tsc' } }, 'buid')).toBe('\n\nDid you mean this?\n  npm run build # run the "build" package script');
    expect(didYouMean(null, 'zzzzzz')).toBe('');
  });

  it('parses package specs and refuses what an offline registry cannot serve', () => {
    expect(parseSpec('express')).toMatchObject({ name: 'express', rawSpec: '', fetchSpec: '*', type: 'range' });
    expect(parseSpec('@types/node@^22')).toMatchObject({ name: '@types/node', fetchSpec: '^22', type: 'range' });
    expect(parseSpec('lodash@latest')).toMatchObject({ type: 'tag', fetchSpec: 'latest' });
    expect(parseSpec('ms@v2.1.3')).toMatchObject({ type: 'version', fetchSpec: '2.1.3' });
    expect(parseSpec('sw@npm:string-width@^4')).toMatchObject({ name: 'sw', type: 'alias' });
    for (const bad of ['expressjs/express', 'git+https://x/y.git', 'file:../lib', './local']) expect(() => parseSpec(bad), bad).toThrow(NpmError);
  });
});

describe('what npm prints', () => {
  it('formats errors with a prefix per line: code, fields, summary, detail', () => {
    const e = new NpmError('E404', [['404', 'Not Found - GET https://registry.npmjs.org/x']], [['404', ''], ['404', '', "'x@*' is not in this registry."]]).with('path', '/app');
    expect(errorLines(e)).toEqual(['npm error code E404', 'npm error path /app', 'npm error 404 Not Found - GET https://registry.npmjs.org/x', 'npm error 404', "npm error 404  'x@*' is not in this registry."]);
    const u = usageError('The `npm ci` command can only install with an existing package-lock.json', usageOf('ci')!);
    expect(errorLines(u).slice(0, 6)).toEqual(['npm error code EUSAGE', 'npm error', 'npm error The `npm ci` command can only install with an existing package-lock.json', 'npm error', 'npm error Clean install a project', 'npm error']);
    expect(errorLines(u).at(-1)).toBe('npm error Run "npm help ci" for more info');
    expect(errorLines(new NpmError('', [['', 'Missing script: "start"']]))).toEqual(['npm error Missing script: "start"']);
  });

  it('sums up a reify as reify-output.js does', () => {
    const s = (added: number, removed: number, changed: number, audited: number): string => changedMessage({ added, removed, changed, audited, funding: 0 }, 2049);
    expect([s(65, 0, 0, 66), s(0, 0, 0, 66), s(0, 68, 0, 1), s(1, 1, 0, 0), s(1, 1, 1, 0), s(0, 0, 1, 3), s(0, 0, 0, 0), s(1, 0, 0, 0)]).toEqual([
      'added 65 packages, and audited 66 packages in 2s', 'up to date, audited 66 packages in 2s', 'removed 68 packages, and audited 1 package in 2s',
      'added 1 package, and removed 1 package in 2s', 'added 1 package, removed 1 package, and changed 1 package in 2s',
      'changed 1 package, and audited 3 packages in 2s', 'up to date in 2s', 'added 1 package in 2s',
    ]);
    expect([ms(987), ms(1499), ms(61_000), ms(3_600_000)]).toEqual(['987ms', '1s', '1m', '1h']);
    expect(reifyOutput({ added: 68, removed: 0, changed: 0, audited: 69, funding: 31 }, 174)).toBe(
      '\nadded 68 packages, and audited 69 packages in 174ms\n\n31 packages are looking for funding\n  run `npm fund` for details\n\nfound 0 vulnerabilities\n');
    expect(reifyOutput({ added: 1, removed: 0, changed: 0, audited: 0, funding: 1 }, 5)).toBe('\nadded 1 package in 5ms\n\n1 package is looking for funding\n  run `npm fund` for details\n');
  });
});
