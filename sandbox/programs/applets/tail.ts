// tail [-n [+]N] [-c [+]N] [-f] [FILE]...: the last lines (reads to the end); with -f
// it then follows the (last) file, printing what is appended, polling each
// second as busybox does, until killed (`tail -f /dev/null` never ends).
import type { Program } from '../../kernel/process.ts';
import { eachInput, lines, out, parseArgs, readAll } from './lib.ts';

export const tail: Program = async (p) => {
  const argv = p.argv.slice(1).map((a) => (/^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
  const args = await parseArgs(p, 'n:c:fqv', argv);
  if (!args) return 1;
  const spec = args.values.get('n') ?? '10';
  const fromStart = spec.startsWith('+');
  const n = Number(spec.replace(/^[+-]/, ''));
  const follow = args.flags.has('f') && args.operands.length > 0;
  const last = args.operands[args.operands.length - 1];
  const bytesSpec = args.values.get('c');
  return eachInput(p, args.operands, async (fd, name) => {
    if (bytesSpec !== undefined) {
      // -c [+]N: bytes instead of lines.
      const all = await readAll(p, fd);
      const k = Number(bytesSpec.replace(/^[+-]/, ''));
      await out(p, bytesSpec.startsWith('+') ? all.subarray(Math.max(0, k - 1)) : all.subarray(Math.max(0, all.length - k)));
      return;
    }
    const keep: string[] = [];
    let index = 0;
    for await (const line of lines(p, fd)) {
      index++;
      if (fromStart) { if (index >= n) await out(p, line + '\n'); continue; }
      keep.push(line);
      if (keep.length > n) keep.shift();
    }
    if (!fromStart && n > 0) await out(p, keep.map((l) => l + '\n').join(''));
    if (!follow || name !== last) return;
    for (;;) {
      const chunk = await p.read(fd, 65536);
      if (chunk) await out(p, chunk);
      else await p.sleep(1000);
    }
  });
};
