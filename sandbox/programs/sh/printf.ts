// printf(1) formatting: %s %b %c %d %i %u %o %x %X %e %f %g %%, flags,
// width and precision (also `*`), escapes in the format, and the format
// reused until the arguments run out, as POSIX and busybox do.
import { rawByte, unescape } from './escapes.ts';

export interface PrintfResult {
  text: string;
  warnings: string[];
}

function toNumber(arg: string | undefined, warnings: string[]): number {
  if (arg === undefined || arg === '') return 0;
  if (/^['"]./.test(arg)) return arg.codePointAt(1)!;
  const n = /^\s*[-+]?(0x[0-9a-f]+|0[0-7]*|\d+)/i.exec(arg);
  if (!n) { warnings.push(`invalid number '${arg}'`); return 0; }
  const v = Number(n[1]!.startsWith('0') && !/^0x/i.test(n[1]!) && n[1]!.length > 1 ? parseInt(n[1]!, 8) : Number(n[1]));
  if (n[0].length !== arg.length) warnings.push(`invalid number '${arg}'`);
  return arg.trim().startsWith('-') ? -v : v;
}

function pad(s: string, width: number, left: boolean, zero: boolean): string {
  if (s.length >= width) return s;
  if (left) return s + ' '.repeat(width - s.length);
  if (zero) {
    const sign = /^[-+ ]/.test(s) ? s.charAt(0) : '';
    return sign + '0'.repeat(width - s.length) + s.slice(sign.length);
  }
  return ' '.repeat(width - s.length) + s;
}

export function formatPrintf(format: string, args: string[]): PrintfResult {
  const warnings: string[] = [];
  let text = '';
  let i = 0;
  const next = (): string | undefined => args[i++];
  for (let rounds = 0; rounds < 100_000; rounds++) {
    const start = i;
    text += format.replace(/%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([sbcdiuoxXeEfgG%])|\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|[abefnrtv\\"])/g,
      (_m, flags: string, w: string | undefined, p: string | undefined, conv: string | undefined, esc: string | undefined) => {
        // In the format, \NNN is 1–3 octal digits (echo -e and %b want \0NNN).
        if (esc !== undefined) return /^[0-7]/.test(esc) ? rawByte(parseInt(esc, 8)) : unescape('\\' + esc);
        if (conv === '%') return '%';
        const width = w === '*' ? toNumber(next(), warnings) : w ? Number(w) : 0;
        const prec = p === '*' ? toNumber(next(), warnings) : p !== undefined ? Number(p) : undefined;
        const left = flags.includes('-') || width < 0;
        const zero = flags.includes('0') && !left;
        const arg = next();
        let s: string;
        switch (conv) {
          case 's': s = arg ?? ''; if (prec !== undefined) s = s.slice(0, prec); break;
          case 'b': s = unescape(arg ?? ''); break;
          case 'c': s = (arg ?? '').slice(0, 1); break;
          case 'd': case 'i': case 'u': {
            const n = Math.trunc(toNumber(arg, warnings));
            s = (n >= 0 && flags.includes('+') ? '+' : n >= 0 && flags.includes(' ') ? ' ' : '') + String(n);
            break;
          }
          case 'o': s = (flags.includes('#') ? '0' : '') + Math.trunc(toNumber(arg, warnings)).toString(8); break;
          case 'x': s = (flags.includes('#') ? '0x' : '') + Math.trunc(toNumber(arg, warnings)).toString(16); break;
          case 'X': s = (flags.includes('#') ? '0X' : '') + Math.trunc(toNumber(arg, warnings)).toString(16).toUpperCase(); break;
          case 'e': case 'E': s = toNumber(arg, warnings).toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2'); if (conv === 'E') s = s.toUpperCase(); break;
          case 'f': s = Number(arg ?? 0).toFixed(prec ?? 6); break;
          default: s = String(Number(Number(arg ?? 0).toPrecision(prec || 6))); break;
        }
        return pad(s, Math.abs(width), left, zero && conv !== 's' && conv !== 'c');
      });
    if (i >= args.length || i === start) break;
  }
  return { text, warnings };
}
