// xargs [-n N] [-I REPL] [-0] [-r] [CMD [ARG]...]: builds command lines from stdin.
import type { Program } from '../../kernel/process.ts';
import { parseArgs, readAll } from './lib.ts';
import { runCommand } from './spawn-hook.ts';

export const xargs: Program = async (p) => {
  const argv = p.argv.slice(1);
  let k = 0;
  const opts: string[] = [];
  while (k < argv.length && argv[k]!.startsWith('-')) {
    opts.push(argv[k]!);
    if (/^-[nIsLPd]$/.test(argv[k]!)) opts.push(argv[++k]!);
    k++;
  }
  const args = await parseArgs(p, 'n:I:0rts:P:d:L:', opts);
  if (!args) return 1;
  const cmd = argv.slice(k);
  if (cmd.length === 0) cmd.push('echo');
  const input = new TextDecoder().decode(await readAll(p, 0));
  const items = args.flags.has('0') ? input.split('\0').filter(Boolean)
    : args.values.has('d') ? input.split(args.values.get('d')!).filter(Boolean)
    : args.values.has('I') ? input.split('\n').filter((l) => l.trim() !== '')
    : [...input.matchAll(/"([^"]*)"|'([^']*)'|((?:\\.|[^\s"'])+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!.replace(/\\(.)/g, '$1'));
  if (items.length === 0 && args.flags.has('r')) return 0;
  let status = 0;
  const run = async (extra: string[], repl?: string): Promise<void> => {
    const line = repl !== undefined ? cmd.map((c) => c.split(args.values.get('I')!).join(repl)) : [...cmd, ...extra];
    const code = await runCommand(p, line);
    if (code === 255) throw Object.assign(new Error(), { code: 124 });
    if (code !== 0) status = 123;
  };
  try {
    if (args.values.has('I')) for (const item of items) await run([], item);
    else {
      const n = Number(args.values.get('n') ?? args.values.get('L') ?? items.length) || 1;
      if (items.length === 0) await run([]);
      for (let i = 0; i < items.length; i += n) await run(items.slice(i, i + n));
    }
  } catch (e) {
    return (e as { code?: number }).code ?? 1;
  }
  return status;
};
