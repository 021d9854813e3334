// Shared by the text filters: tr's character sets.
import { out } from './lib.ts';

export function expandSet(s: string): string {
  const classes: Record<string, string> = {
    '[:upper:]': 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '[:lower:]': 'abcdefghijklmnopqrstuvwxyz', '[:digit:]': '0123456789',
    '[:space:]': ' \t\n\r\f\v', '[:alpha:]': 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', '[:alnum:]': 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  };
  for (const [k, v] of Object.entries(classes)) s = s.split(k).join(v);
  // Backslash escapes as busybox's tr takes them: \n \r \t \a \b \f \v \\ and octal \NNN.
  const ESC: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\' };
  s = s.replace(/\\([0-7]{1,3}|[nrtabfv\\])/g, (_m, e: string) => ESC[e] ?? String.fromCharCode(parseInt(e, 8) & 0xff));
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i + 1] === '-' && i + 2 < s.length) {
      for (let c = s.charCodeAt(i); c <= s.charCodeAt(i + 2); c++) out += String.fromCharCode(c);
      i += 2;
    } else out += s[i];
  }
  return out;
}
