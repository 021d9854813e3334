// test EXPRESSION, [ EXPRESSION ]: as the shell builtin.
import type { Program } from '../../kernel/process.ts';
import { evaluateTest } from '../sh/test-expr.ts';
import { appletName, err } from './lib.ts';

export const test: Program = async (p) => {
  const name = appletName(p);
  let args = p.argv.slice(1);
  if (name === '[') {
    if (args[args.length - 1] !== ']') { await err(p, 'missing ]'); return 2; }
    args = args.slice(0, -1);
  }
  return evaluateTest({ p, error: (m) => err(p, m.replace(/^[^:]+: /, '')) }, args, name);
};
