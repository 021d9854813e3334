// npm's configuration (the @npmcli/config subset the playground's npm
// reads): command-line flags parsed as nopt does (`--key value`,
// `--key=value`, `--no-key`, npm's shorthands like -D and -E, `--` ending
// the options; unknown flags are taken as booleans), then npm_config_*
// environment variables, then .npmrc files (project, user, global), then
// npm's defaults. NODE_ENV=production makes `omit` default to dev, as npm 10
// does.

type Kind = 'bool' | 'string' | 'list';

const KINDS = new Map<string, Kind>([
  ['save', 'bool'], ['save-dev', 'bool'], ['save-prod', 'bool'], ['save-optional', 'bool'], ['save-peer', 'bool'],
  ['save-exact', 'bool'], ['save-bundle', 'bool'], ['global', 'bool'], ['dry-run', 'bool'], ['ignore-scripts', 'bool'],
  ['if-present', 'bool'], ['audit', 'bool'], ['fund', 'bool'], ['package-lock', 'bool'], ['package-lock-only', 'bool'],
  ['yes', 'bool'], ['force', 'bool'], ['all', 'bool'], ['long', 'bool'], ['parseable', 'bool'], ['json', 'bool'],
  ['usage', 'bool'], ['version', 'bool'], ['versions', 'bool'], ['production', 'bool'], ['offline', 'bool'],
  ['prefer-offline', 'bool'], ['prefer-online', 'bool'], ['foreground-scripts', 'bool'], ['bin-links', 'bool'],
  ['workspaces', 'bool'], ['legacy-peer-deps', 'bool'], ['strict-peer-deps', 'bool'], ['progress', 'bool'],
  ['unicode', 'bool'], ['color', 'string'], ['update-notifier', 'bool'], ['install-links', 'bool'], ['link', 'bool'],
  ['prefer-dedupe', 'bool'], ['global-style', 'bool'], ['legacy-bundling', 'bool'],
  ['loglevel', 'string'], ['prefix', 'string'], ['cache', 'string'], ['registry', 'string'], ['save-prefix', 'string'],
  ['depth', 'string'], ['script-shell', 'string'], ['call', 'string'], ['userconfig', 'string'], ['globalconfig', 'string'],
  ['tag', 'string'], ['install-strategy', 'string'], ['init-author-name', 'string'], ['init-license', 'string'],
  ['init-version', 'string'], ['scope', 'string'], ['logs-max', 'string'], ['only', 'string'], ['also', 'string'],
  ['omit', 'list'], ['include', 'list'], ['workspace', 'list'], ['package', 'list'],
]);

/** npm's shorthands: a flag and the options it stands for. */
const SHORT = new Map<string, Array<[string, string | boolean]>>([
  ['s', [['loglevel', 'silent']]], ['silent', [['loglevel', 'silent']]], ['q', [['loglevel', 'warn']]], ['quiet', [['loglevel', 'warn']]],
  ['d', [['loglevel', 'info']]], ['dd', [['loglevel', 'verbose']]], ['verbose', [['loglevel', 'verbose']]], ['ddd', [['loglevel', 'silly']]],
  ['D', [['save-dev', true]]], ['P', [['save-prod', true]]], ['O', [['save-optional', true]]], ['E', [['save-exact', true]]],
  ['S', [['save', true]]], ['B', [['save-bundle', true]]], ['g', [['global', true]]], ['y', [['yes', true]]], ['f', [['force', true]]],
  ['a', [['all', true]]], ['l', [['long', true]]], ['p', [['parseable', true]]], ['h', [['usage', true]]], ['H', [['usage', true]]],
  ['?', [['usage', true]]], ['help', [['usage', true]]], ['v', [['version', true]]], ['C', [['prefix', '']]], ['c', [['call', '']]],
  ['w', [['workspace', '']]], ['ws', [['workspaces', true]]], ['reg', [['registry', '']]], ['local', [['global', false]]],
  ['dev', [['include', 'dev']]], ['no-desc', [['description', false]]],
]);

const DEFAULTS = new Map<string, string | boolean | string[]>([
  ['save', true], ['audit', true], ['fund', true], ['package-lock', true], ['bin-links', true], ['unicode', true],
  ['loglevel', 'notice'], ['save-prefix', '^'], ['registry', 'https://registry.npmjs.org/'], ['logs-max', '10'],
  ['omit', []], ['include', []], ['workspace', []], ['package', []], ['if-present', false], ['install-strategy', 'hoisted'],
  ['init-license', 'ISC'], ['init-version', '1.0.0'], ['tag', 'latest'],
]);

export interface ParsedArgs {
  /** Words that are not options, in order (the command first). */
  positional: string[];
  /** Options given on the command line. */
  cli: Map<string, string | boolean | string[]>;
}

/** Splits argv (after `npm`) into options and words, as nopt does. */
export function parseArgs(argv: string[]): ParsedArgs {
  const cli = new Map<string, string | boolean | string[]>();
  const positional: string[] = [];
  const set = (key: string, value: string | boolean): void => {
    if (KINDS.get(key) === 'list') {
      const prev = cli.get(key);
      cli.set(key, [...(Array.isArray(prev) ? prev : []), String(value)]);
    } else cli.set(key, value);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { positional.push(...argv.slice(i + 1)); break; }
    if (!a.startsWith('-') || a === '-') { positional.push(a); continue; }
    const body = a.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    const inline = eq < 0 ? null : body.slice(eq + 1);
    const short = KINDS.has(name) ? undefined : SHORT.get(name);
    const expand = short ?? (a.startsWith('--') ? undefined : splitShort(name));
    if (expand) {
      for (const [key, value] of expand) {
        if (value === '' && KINDS.get(key) !== 'bool') { set(key, inline ?? argv[++i] ?? ''); continue; }
        set(key, value);
      }
      continue;
    }
    if (name.startsWith('no-') && KINDS.get(name.slice(3)) === 'bool') { set(name.slice(3), false); continue; }
    const kind = KINDS.get(name);
    if (kind === 'string' || kind === 'list') {
      set(name, inline ?? (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('-') ? argv[++i]! : ''));
    } else {
      set(name, inline === null ? true : inline !== 'false');
    }
  }
  return { positional, cli };
}

/** `-ED` as -E -D when every letter is a shorthand. */
function splitShort(letters: string): Array<[string, string | boolean]> | undefined {
  const parts = [...letters].map((c) => SHORT.get(c));
  return parts.every((x) => x !== undefined) && parts.length > 1 ? parts.flat() as Array<[string, string | boolean]> : undefined;
}

/** Reads an .npmrc (ini key = value lines; `;` and `#` comments). */
export function parseNpmrc(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split('\n').slice(0, 10_000)) {
    const line = raw.trim();
    if (!line || line.startsWith(';') || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 0) { out.set(line, 'true'); continue; }
    out.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
  }
  return out;
}

export class Config {
  constructor(
    private readonly cli: Map<string, string | boolean | string[]>,
    private readonly env: Map<string, string>,
    private readonly files: Array<Map<string, string>>,
  ) {}

  private raw(key: string): string | boolean | string[] | undefined {
    if (this.cli.has(key)) return this.cli.get(key);
    for (const [k, v] of this.env) if (k.toLowerCase() === `npm_config_${key.replace(/-/g, '_')}`) return v;
    for (const f of this.files) if (f.has(key)) return f.get(key);
    return undefined;
  }

  /** Whether the option was set anywhere but npm's defaults. */
  isSet(key: string): boolean { return this.raw(key) !== undefined; }

  bool(key: string): boolean {
    const v = this.raw(key) ?? DEFAULTS.get(key) ?? false;
    if (typeof v === 'boolean') return v;
    if (Array.isArray(v)) return v.length > 0;
    return v !== '' && v !== 'false' && v !== '0';
  }

  str(key: string): string {
    const v = this.raw(key) ?? DEFAULTS.get(key) ?? '';
    return Array.isArray(v) ? v[v.length - 1] ?? '' : String(v);
  }

  list(key: string): string[] {
    const v = this.raw(key) ?? DEFAULTS.get(key) ?? [];
    return (Array.isArray(v) ? v : [String(v)]).flatMap((x) => x.split(/[\s,]+/)).filter(Boolean);
  }

  /** The dependency kinds not to install: --omit, --production, --only=prod, NODE_ENV=production (less --include). */
  omit(): Set<string> {
    const omit = new Set(this.list('omit'));
    if (!this.isSet('omit') && this.env.get('NODE_ENV') === 'production') omit.add('dev');
    if (this.bool('production') || /^prod/.test(this.str('only'))) omit.add('dev');
    for (const kind of this.list('include')) omit.delete(kind);
    return omit;
  }

  get silent(): boolean { return this.str('loglevel') === 'silent'; }
}
