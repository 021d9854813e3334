// Backslash escapes as echo -e, printf and printf's %b read them.

/** Backslash escapes of echo -e and printf's %b. */
export function unescape(s: string): string {
  return s.replace(/\\(0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|[abefnrtv\\])/g, (_, e: string) => {
    switch (e[0]) {
      case '0': return String.fromCharCode(parseInt(e.slice(1) || '0', 8));
      case 'x': return String.fromCharCode(parseInt(e.slice(1), 16));
      case 'a': return '\x07';
      case 'b': return '\b';
      case 'e': return '\x1b';
      case 'f': return '\f';
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'v': return '\v';
      default: return '\\';
    }
  });
}
