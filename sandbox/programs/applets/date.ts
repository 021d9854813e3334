// date [-u] [-R] [+FORMAT]: the time (the container's clock is UTC, like Docker's default).
import type { Program } from '../../kernel/process.ts';
import { err, out } from './lib.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** strftime for the common conversions. */
export function strftime(fmt: string, d: Date): string {
  return fmt.replace(/%([a-zA-Z%])/g, (_, c: string) => {
    switch (c) {
      case 'Y': return String(d.getUTCFullYear());
      case 'y': return two(d.getUTCFullYear() % 100);
      case 'm': return two(d.getUTCMonth() + 1);
      case 'd': return two(d.getUTCDate());
      case 'e': return String(d.getUTCDate()).padStart(2);
      case 'H': return two(d.getUTCHours());
      case 'M': return two(d.getUTCMinutes());
      case 'S': return two(d.getUTCSeconds());
      case 'N': return String(d.getUTCMilliseconds()).padStart(3, '0') + '000000';
      case 's': return String(Math.floor(d.getTime() / 1000));
      case 'a': return DAYS[d.getUTCDay()]!;
      case 'b': case 'h': return MONTHS[d.getUTCMonth()]!;
      case 'j': return String(Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1).padStart(3, '0');
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case 'F': return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
      case 'T': return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
      case 'D': return `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${two(d.getUTCFullYear() % 100)}`;
      case '%': return '%';
      default: return `%${c}`;
    }
  });
}

export const date: Program = async (p) => {
  let fmt = '%a %b %e %H:%M:%S %Z %Y';
  for (const a of p.argv.slice(1)) {
    if (a.startsWith('+')) fmt = a.slice(1);
    else if (a === '-R') fmt = '%a, %d %b %Y %H:%M:%S %z';
    else if (a === '-I') fmt = '%F';
    else if (a !== '-u') { await err(p, `invalid date '${a}'`); return 1; }
  }
  await out(p, strftime(fmt, new Date()) + '\n');
  return 0;
};
