// `node`: Node.js's command line on top of the QuickJS runtime — a script
// file, -e/-p code, or a script read from stdin; -v, -h; the options
// people pass (--max-old-space-size, --no-warnings, -r …) accepted or
// refused the way node refuses them (`node: bad option`, exit 9), also
// from NODE_OPTIONS (node-options.ts).
import type { Process } from '../../kernel/process.ts';
import { normalizePath } from '../../fs/path.ts';
import { Killed } from '../../kernel/task.ts';
import { runGuestInWorker } from './guest-host.ts';
import { GuestKilled, NodeGuest, WRAPPER, type GuestSys, type MainSpec } from './guest.ts';
import { cacheCompiledHere, nodeVM, warmLibSnapshot } from './lib-snapshot.ts';
import { readAll } from '../applets/lib.ts';
import { ENV_VALUE_FLAGS, notAllowedInEnv, splitNodeOptions } from './node-options.ts';
import { nodeVersionOf, NodeSystem } from './system.ts';
import { spawnGuestWorker, type GuestWorker } from './workers.ts';

const USAGE = `Usage: node [options] [ script.js ] [arguments]
       node inspect [options] [ script.js | host:port ] [arguments]

Options:
  -                           script read from stdin (default if no file name is provided, interactive mode if a tty)
  --                          indicate the end of node options
  -e, --eval=...              evaluate script
  -h, --help                  print node command line options (currently set)
  --input-type=...            set module type for string input
  -p, --print [...]           evaluate script and print result
  --import=...                ES module to preload (option can be repeated)
  -r, --require=...           CommonJS module to preload (option can be repeated)
  -v, --version               print Node.js version

Documentation can be found at https://nodejs.org/
`;

/** Options that take no value and change nothing the playground models. */
const ACCEPTED = /^--(no-warnings|no-deprecation|trace-warnings|trace-deprecation|throw-deprecation|enable-source-maps|trace-uncaught|experimental-[a-z-]+|no-experimental-[a-z-]+|preserve-symlinks|pending-deprecation|abort-on-uncaught-exception|unhandled-rejections=[a-z-]+|max-old-space-size=\d+|max-semi-space-size=\d+|stack-size=\d+|use-strict|title=.*|dns-result-order=[a-z]+|inspect(-brk)?(=.*)?)$/;

/** What the guest cannot do yet: refused plainly instead of pretended. */
const REFUSED = new Map([
  ['--watch', 'watch mode'], ['--test', 'the test runner'], ['--env-file', 'loading environment files (pass the variables with docker run -e / --env-file, or ENV)'], ['--loader', 'ES module loaders'],
  ['--experimental-loader', 'ES module loaders'], ['--prof', 'the V8 profiler'], ['--cpu-prof', 'the V8 profiler'], ['--heap-prof', 'the V8 profiler'],
  ['--check', 'syntax checking'], ['-c', 'syntax checking'], ['-i', 'the interactive REPL'], ['--interactive', 'the interactive REPL'],
]);

/** Node's complaint about a bad --input-type (22 lists the TypeScript types too), from the command line or NODE_OPTIONS. */
const inputTypeMust = (p: Process): string => `--input-type must be ${nodeVersionOf(p).startsWith('v20.') ? '"module" or "commonjs"' : '"module","commonjs", "module-typescript" or "commonjs-typescript"'}`;

export async function node(p: Process): Promise<number> {
  const args = p.argv.slice(1);
  const execArgv: string[] = [];
  const preload: string[] = [];
  const imports: string[] = [];
  let main: MainSpec | null = null;
  let inputType: 'module' | 'commonjs' | undefined;
  // NODE_OPTIONS first, as if given before the command line's own options (which win), but not in execArgv.
  const envOptions: string[] = [];
  const fromEnv = p.env.get('NODE_OPTIONS');
  if (fromEnv) {
    const prog = p.argv[0] ?? 'node';
    const split = splitNodeOptions(fromEnv);
    if ('error' in split) { await p.write(2, `${prog}: ${split.error}\n`); return 9; }
    for (let k = 0; k < split.args.length; k++) {
      const a = split.args[k]!;
      const bad = notAllowedInEnv(a);
      if (bad !== null) { await p.write(2, `${prog}: ${bad} is not allowed in NODE_OPTIONS\n`); return 9; }
      if (!a.startsWith('-') || a === '-') continue;
      const eq = a.startsWith('--') ? a.indexOf('=') : -1;
      const flag = eq === -1 ? a : a.slice(0, eq);
      let value = eq === -1 ? undefined : a.slice(eq + 1);
      if (value === undefined && ENV_VALUE_FLAGS.has(flag)) {
        value = split.args[++k];
        if (value === undefined) { await p.write(2, `${prog}: ${flag} requires an argument\n`); return 9; }
      }
      const refused = REFUSED.get(flag);
      if (refused) { await p.write(2, `node: ${flag}: ${refused} is not available in the playground's node (QuickJS)\n`); return 9; }
      envOptions.push(value === undefined ? flag : `${flag}=${value}`);
      if (flag === '-r' || flag === '--require') preload.push(value!);
      else if (flag === '--import') imports.push(value!);
      else if (flag === '--input-type') {
        if (value !== 'module' && value !== 'commonjs') { await p.write(2, `${prog}: ${inputTypeMust(p)}\n`); return 9; }
        inputType = value;
      }
    }
  }
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') { i++; break; }
    if (a === '-') { main = { kind: 'stdin', arg: '' }; i++; break; }
    if (!a.startsWith('-')) break;
    execArgv.push(a);
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | null => {
      if (inline !== undefined) return inline;
      if (i + 1 >= args.length) return null;
      execArgv.push(args[i + 1]!);
      return args[++i]!;
    };
    switch (flag) {
      case '-v': case '--version':
        await p.write(1, `${nodeVersionOf(p)}\n`);
        return 0;
      case '-h': case '--help':
        await p.write(1, USAGE);
        return 0;
      case '-e': case '--eval': case '-p': case '--print': {
        const code = value();
        if (code === null) {
          await p.write(2, `${p.argv[0] ?? 'node'}: ${flag} requires an argument\n`);
          return 9;
        }
        main = { kind: flag === '-e' || flag === '--eval' ? 'eval' : 'print', arg: code };
        continue;
      }
      case '-pe': {
        const code = value();
        if (code === null) { await p.write(2, `${p.argv[0] ?? 'node'}: -pe requires an argument\n`); return 9; }
        main = { kind: 'print', arg: code };
        continue;
      }
      case '--input-type': {
        const type = value();
        if (type !== 'module' && type !== 'commonjs') {
          await p.write(2, `${p.argv[0] ?? 'node'}: ${inputTypeMust(p)}\n`);
          return 9;
        }
        inputType = type;
        continue;
      }
      case '--import': {
        const mod = value();
        if (mod === null) { await p.write(2, `${p.argv[0] ?? 'node'}: ${flag} requires an argument\n`); return 9; }
        imports.push(mod);
        continue;
      }
      case '-r': case '--require': {
        const mod = value();
        if (mod === null) { await p.write(2, `${p.argv[0] ?? 'node'}: ${flag} requires an argument\n`); return 9; }
        preload.push(mod);
        continue;
      }
      default: {
        const refused = REFUSED.get(flag);
        if (refused) {
          await p.write(2, `node: ${flag}: ${refused} is not available in the playground's node (QuickJS)\n`);
          return 9;
        }
        if (ACCEPTED.test(a)) continue;
        await p.write(2, `${p.argv[0] ?? 'node'}: bad option: ${a}\n`);
        return 9;
      }
    }
  }
  // `node - args`: the program comes from stdin and process.argv keeps the `-` where a script's path would be.
  const dashStdin = main?.kind === 'stdin';
  // The first non-option is the script (unless -e/-p gave the code); the rest are its arguments.
  if (!main) {
    if (i < args.length) {
      main = { kind: 'file', arg: normalizePath(args[i]!, p.cwd) };
    } else if (p.tty(0)) {
      await p.write(2, 'node: the interactive REPL is not available in the playground\'s node yet: run a script file, or node -e "code"\n');
      return 9;
    } else {
      main = { kind: 'stdin', arg: '' };
    }
  }
  const scriptPath = main.kind === 'file' ? main.arg : null;
  // --input-type applies to code given as a string (a script file's type comes from its name and package.json).
  if (inputType !== undefined && main.kind !== 'file') main = { ...main, inputType };
  if (main.kind === 'stdin') main = { ...main, arg: new TextDecoder().decode(await readAll(p, 0)) };
  if (preload.length > 0) {
    const requires = preload.map((m) => `require(${JSON.stringify(m.startsWith('.') ? normalizePath(m, p.cwd) : m)});`).join('');
    main = main.kind === 'file'
      ? { kind: 'eval', arg: `${requires}require('module').runMain(${JSON.stringify(main.arg)})` }
      : { ...main, arg: `${requires}${main.arg}` };
  }
  // --import: ES modules imported (resolved from the working directory) before the program runs.
  if (imports.length > 0) main = { ...main, imports };
  // process.argv: the node binary, the script's absolute path (or `-`), then the script's arguments.
  const scriptArgs = args.slice(scriptPath !== null ? i + 1 : i);
  const argv = scriptPath !== null ? [scriptPath, ...scriptArgs] : dashStdin ? ['-', ...scriptArgs] : scriptArgs;
  const system = new NodeSystem(p, execArgv, argv, WRAPPER.length, envOptions);
  const worker = spawnGuestWorker();
  return worker ? inWorker(p, system, worker, main) : inThread(p, system, main);
}

/** The guest in this thread: a turn that never returns blocks the engine until it does. */
async function inThread(p: Process, system: NodeSystem, main: MainSpec): Promise<number> {
  const sys: GuestSys = {
    call: (op, args) => system.call(op, args),
    poll: (deadline) => system.poll(deadline),
    settleCpu: () => p.settleCpu(),
    now: () => p.now(),
    killed: () => p.task.killedBy,
    finish: () => system.finish(),
    reportCompiled: (files) => cacheCompiledHere(files),
  };
  try {
    const vm = await nodeVM(system.memoryCeiling());
    // The built-ins' snapshot, taken here a slice at a time while this one runs, for the next processes.
    void warmLibSnapshot();
    return await new NodeGuest(sys, vm).run(main);
  } catch (e) {
    if (e instanceof GuestKilled) throw new Killed(e.signal);
    throw e;
  } finally {
    system.release();
  }
}

/** The guest in a worker: its system calls come over a channel; a kill terminates it. */
async function inWorker(p: Process, system: NodeSystem, worker: GuestWorker, main: MainSpec): Promise<number> {
  try {
    return await runGuestInWorker(p, worker, { kind: 'node', main, memoryCeiling: system.memoryCeiling() }, (op, args) => {
      switch (op) {
        case 'poll': return system.poll(args[0] as number | null);
        case 'settle': return p.settleCpu();
        case 'finish': return system.finish();
        default: return system.call(op, args);
      }
    });
  } finally {
    system.release();
  }
}

