// Command-line flags as the docker CLI (cobra/pflag) parses them: long
// flags with `=value` or a separate value, short flags combined (`-it`) or
// with an attached value (`-p8080:80`), booleans with `=false`, repeated
// flags collecting values, `--` ending flags, and for run/create/exec the
// first positional argument ending flag parsing (the container's command
// follows); duration flags take Go durations (1m30s, 500ms). Errors read as
// Docker's and exit 125.
import { goDurationOrError } from '../api/units.ts';
import { renderHelp } from './help.ts';

export type FlagType = 'bool' | 'string' | 'list' | 'int' | 'duration';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  description: string;
  /** Shown in --help: the value's placeholder (string, list, int…). */
  value?: string;
  default?: string;
  /** Taken but not listed in --help: an old name docker still accepts (stop --time). */
  hidden?: boolean;
}

export interface CommandSpec {
  /** `run`, `container ls`… as shown in messages. */
  name: string;
  usage: string;
  description: string;
  flags: FlagSpec[];
  /** Minimum positional arguments. */
  minArgs?: number;
  maxArgs?: number;
  /** Flags stop at the first positional argument (docker run IMAGE [COMMAND]…). */
  stopAtFirstArg?: boolean;
}

export interface ParsedFlags {
  bools: Map<string, boolean>;
  strings: Map<string, string>;
  lists: Map<string, string[]>;
  args: string[];
  help: boolean;
}

/**
 * A usage error. Flag errors exit 125 with "Run '… --help'"; a wrong number
 * of arguments exits 1 with "See '… --help'" (as docker 28 prints them).
 */
export class UsageError extends Error {
  constructor(message: string, readonly kind: 'flag' | 'args' = 'flag') {
    super(message);
  }
}

export function parseFlags(spec: CommandSpec, argv: string[]): ParsedFlags {
  const out: ParsedFlags = { bools: new Map(), strings: new Map(), lists: new Map(), args: [], help: false };
  const byLong = new Map(spec.flags.map((f) => [f.name, f]));
  const byShort = new Map(spec.flags.filter((f) => f.short).map((f) => [f.short!, f]));
  const set = (f: FlagSpec, value: string): void => {
    if (f.type === 'bool') {
      if (!['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False'].includes(value)) {
        throw new UsageError(`invalid argument "${value}" for "${f.short ? `-${f.short}, ` : ''}--${f.name}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`);
      }
      out.bools.set(f.name, ['true', '1', 't', 'TRUE', 'True'].includes(value));
    } else if (f.type === 'list') {
      out.lists.set(f.name, [...(out.lists.get(f.name) ?? []), value]);
    } else {
      if (f.type === 'int' && !/^-?\d+$/.test(value)) {
        throw new UsageError(`invalid argument "${value}" for "${f.short ? `-${f.short}, ` : ''}--${f.name}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`);
      }
      const d = f.type === 'duration' ? goDurationOrError(value) : 0;
      if (typeof d !== 'number') throw new UsageError(`invalid argument "${value}" for "${f.short ? `-${f.short}, ` : ''}--${f.name}" flag: ${d.error}`);
      out.strings.set(f.name, value);
    }
  };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { i++; break; }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      if (name === 'help') { out.help = true; continue; }
      const f = byLong.get(name);
      if (!f) throw new UsageError(`unknown flag: --${name}`);
      if (eq !== -1) set(f, a.slice(eq + 1));
      else if (f.type === 'bool') set(f, 'true');
      else {
        if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: --${name}`);
        set(f, argv[++i]!);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (c === 'h' && !byShort.has('h')) { out.help = true; continue; }
        const f = byShort.get(c);
        if (!f) throw new UsageError(`unknown shorthand flag: '${c}' in ${a}`);
        if (f.type === 'bool') {
          if (a[j + 1] === '=') { set(f, a.slice(j + 2)); break; }
          set(f, 'true');
          continue;
        }
        const rest = a.slice(j + 1).replace(/^=/, '');
        if (rest !== '') set(f, rest);
        else {
          if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: '${c}' in -${c}`);
          set(f, argv[++i]!);
        }
        break;
      }
      continue;
    }
    out.args.push(a);
    if (spec.stopAtFirstArg) { i++; break; }
  }
  out.args.push(...argv.slice(i));
  if (!out.help) {
    const min = spec.minArgs ?? 0;
    const max = spec.maxArgs;
    const plural = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
    if (out.args.length < min || (max !== undefined && out.args.length > max)) {
      const what = max === 0 ? 'accepts no arguments'
        : min === max ? `requires ${plural(min)}`
        : out.args.length < min ? `requires at least ${plural(min)}`
        : `requires at most ${plural(max!)}`;
      throw new UsageError(`'docker ${spec.name}' ${what}`, 'args');
    }
  }
  return out;
}

/**
 * `docker <verb> --help` as docker prints it, listing only the flags the
 * playground implements (help.ts); `columns` is the terminal's width.
 */
export function helpText(spec: CommandSpec, aliases: string[] = [], columns?: number, typed?: string): string {
  return renderHelp(spec, aliases, columns, typed);
}

/**
 * Parses a command's flags; on a usage error, prints it as the CLI does and
 * gives the exit status instead (1 for arguments, 125 for flags).
 */
export function parseFlagsOrReport(spec: CommandSpec, argv: string[], stderr: (s: string) => void): ParsedFlags | number {
  try {
    return parseFlags(spec, argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    stderr(usageErrorText(spec, e));
    return e.kind === 'args' ? 1 : 125;
  }
}

/** A usage error as the CLI prints it. */
export function usageErrorText(spec: CommandSpec, e: UsageError): string {
  // The CLI's RequiresMinArgs says "See …"; ExactArgs, RequiresMaxArgs and NoArgs say "Run …".
  const see = e.message.includes('at least');
  return e.kind === 'args'
    ? `docker: ${e.message}\n\nUsage:  docker ${spec.usage}\n\n${see ? 'See' : 'Run'} 'docker ${spec.name} --help' for more information\n`
    : `${e.message}\n\nUsage:  docker ${spec.usage}\n\nRun 'docker ${spec.name} --help' for more information\n`;
}

/** `--filter k=v` flags as the API's filters JSON (`{"k":["v"]}`), plus `extra`; undefined when there are none. */
export function filtersJson(flags: ParsedFlags, extra: Record<string, string[]> = {}): string | undefined {
  const filters: Record<string, string[]> = { ...extra };
  for (const f of flags.lists.get('filter') ?? []) {
    const [k, v = ''] = f.split(/=(.*)/s);
    (filters[k!] ??= []).push(v);
  }
  return Object.keys(filters).length > 0 ? JSON.stringify(filters) : undefined;
}

/** `KEY=value` flags (--label, --build-arg) as an object; a bare KEY gets `bare`. */
export function keyValues<T extends string | null>(list: string[] | undefined, bare: T): Record<string, string | T> {
  return Object.fromEntries((list ?? []).map((a) => (a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, bare])));
}
