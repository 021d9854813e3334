// NODE_OPTIONS as Node reads it: the variable split into arguments
// (ParseNodeOptionsEnvVar: spaces separate, "…" groups, a backslash inside
// quotes escapes the next character), then each checked against the options
// Node allows there — the rest is `node: X is not allowed in NODE_OPTIONS`.
// Its options act as if given first on the command line, but are not in
// process.execArgv.

/** The arguments in NODE_OPTIONS, or Node's complaint about the quoting (which Node ends with a blank line). */
export function splitNodeOptions(text: string): { args: string[] } | { error: string } {
  const args: string[] = [];
  let quoted = false;
  let fresh = true;
  for (let i = 0; i < text.length; i++) {
    let c = text[i]!;
    if (c === '\\' && quoted) {
      if (i + 1 === text.length) return { error: 'invalid value for NODE_OPTIONS (invalid escape)\n' };
      c = text[++i]!;
    } else if (c === ' ' && !quoted) {
      fresh = true;
      continue;
    } else if (c === '"') {
      quoted = !quoted;
      continue;
    }
    if (fresh) { args.push(c); fresh = false; } else args[args.length - 1] += c;
  }
  return quoted ? { error: 'invalid value for NODE_OPTIONS (unterminated string)\n' } : { args };
}

/** Flags Node accepts in NODE_OPTIONS that take their value from the next argument. */
export const ENV_VALUE_FLAGS = new Set(['-r', '--require', '--import', '--input-type', '--title', '--unhandled-rejections', '--dns-result-order']);

/** Options Node allows in NODE_OPTIONS (the ones the playground knows; --flag or --flag=value). */
const ALLOWED = /^--(no-warnings|no-deprecation|trace-warnings|trace-deprecation|throw-deprecation|enable-source-maps|trace-uncaught|experimental-[a-z-]+|no-experimental-[a-z-]+|preserve-symlinks|preserve-symlinks-main|pending-deprecation|abort-on-uncaught-exception|unhandled-rejections|max-old-space-size|max-semi-space-size|title|dns-result-order|inspect|inspect-brk|input-type|require|import|watch|loader|experimental-loader|prof|cpu-prof|heap-prof)$/;

/**
 * Node's word for an option NODE_OPTIONS may not hold (`-e`, `--eval=`,
 * `--stack-size=`), or null when it may. Words that are not options are
 * ignored there, as Node ignores them.
 */
export function notAllowedInEnv(arg: string): string | null {
  if (!arg.startsWith('-') || arg === '-') return null;
  if (arg === '-r') return null;
  const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
  const flag = eq === -1 ? arg : arg.slice(0, eq);
  return ALLOWED.test(flag) ? null : eq === -1 ? arg : `${flag}=`;
}
