// `docker <verb> --help` as the docker CLI prints it: cobra's usage template
// as docker sets it up (Usage, the description, Aliases, Options) and
// pflag's FlagUsagesWrapped for the options — sorted by name, the
// descriptions in one column, each wrapped to the terminal's width less one
// (docker reads the size of fd 0: 80 columns when that is no terminal).
//
// The rule for flags docker has and the playground does not implement:
// they are left out, never listed as if they worked. What is listed stays
// byte for byte what docker prints, because the column the descriptions
// start in (which also sets where they wrap) is docker's own, computed over
// all of its flags: VERBS records, for each verb, docker's widest flag.
// A verb none of whose flags is implemented shows no Options section.
import type { CommandSpec, FlagSpec } from './flags.ts';

/** Docker's --format help for list commands (cli/flags FormatHelp). */
export const FORMAT_HELP = `Format output using a custom template:
'table':            Print output in table format with column headers (default)
'table TEMPLATE':   Print output in table format using the given Go template
'json':             Print in JSON format
'TEMPLATE':         Print output using the given Go template.
Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates`;

/** Docker's --format help for inspect commands (cli/flags InspectFormatHelp). */
export const INSPECT_FORMAT_HELP = `Format output using a custom template:
'json':             Print in JSON format
'TEMPLATE':         Print output using the given Go template.
Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates`;

/** Per verb (by its spec name): docker's "aliases" annotation, in its order, and its widest flag as listed. */
interface VerbHelp { aliases?: string[]; widest?: string }

/** The placeholder pflag prints after a flag that takes a value. */
function placeholder(f: FlagSpec): string {
  if (f.value) return f.value;
  return f.type === 'bool' ? '' : f.type;
}

/** The flag's left column, as pflag writes it before the description. */
function flagColumn(f: Pick<FlagSpec, 'name' | 'short'> & { value: string }): string {
  return `${f.short ? `  -${f.short}, ` : '      '}--${f.name}${f.value ? ` ${f.value}` : ''}`;
}

/**
 * The help text. `aliases` are the ones main.ts knows (used for a verb VERBS
 * has no entry for); `columns` is the terminal's width.
 */
export function renderHelp(spec: CommandSpec, aliases: string[] = [], columns = 80, typed = spec.name): string {
  const facts = VERBS.get(spec.name);
  // The usage line names the command as typed (`docker container ls`, `docker ps`), as cobra's CommandPath does.
  const usage = spec.usage.startsWith(spec.name) ? `${typed}${spec.usage.slice(spec.name.length)}` : spec.usage;
  const parts = [`Usage:  docker ${usage}`, '', spec.description];
  const names = facts ? facts.aliases ?? [] : aliases.length > 0 ? [...aliases, spec.name] : [];
  if (names.length > 0) parts.push('', 'Aliases:', `  ${names.map((a) => `docker ${a}`).join(', ')}`);
  const flags = spec.flags.filter((f) => !f.hidden).map((f) => ({ ...f, value: placeholder(f) }));
  // Where -h is another flag's (run, create: --hostname), docker declares --help itself, and lists it.
  if (flags.some((f) => f.short === 'h')) flags.push({ name: 'help', type: 'bool', description: 'Print usage', value: '' });
  if (flags.length > 0) {
    flags.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const widest = Math.max(...flags.map((f) => flagColumn(f).length), facts?.widest ? 6 + facts.widest.length : 0);
    const lines = flags.map((f) => {
      const left = flagColumn(f);
      const usage = `${f.description}${f.default ? ` (default ${f.default})` : ''}`;
      return `${left} ${' '.repeat(widest + 1 - left.length)} ${wrap(widest + 3, columns - 1, usage)}`;
    });
    parts.push('', 'Options:', lines.join('\n').trimEnd());
  }
  return `${parts.join('\n')}\n`;
}

/** pflag's wrap: `s` wrapped to width `w` with later lines indented by `i` (the first is the caller's). */
function wrap(i: number, w: number, s: string): string {
  let width = w - i;
  let r = '';
  if (width < 24) {
    i = 16;
    width = w - i;
    r += `\n${' '.repeat(i)}`;
  }
  if (width < 24) return s.replaceAll('\n', r);
  const slop = 5;
  width -= slop;
  const indent = `\n${' '.repeat(i)}`;
  let [line, rest] = wrapN(width, slop, s);
  r += line.replaceAll('\n', indent);
  for (let guard = 0; rest !== '' && guard < 10_000; guard++) {
    [line, rest] = wrapN(width, slop, rest);
    r += indent + line.replaceAll('\n', indent);
  }
  return r;
}

/** pflag's wrapN: up to `i` characters split at the last blank (or newline before it); `slop` more if that ends it. */
function wrapN(i: number, slop: number, s: string): [string, string] {
  if (i + slop > s.length) return [s, ''];
  const head = s.slice(0, i);
  const w = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t'), head.lastIndexOf('\n'));
  if (w <= 0) return [s, ''];
  const nl = head.lastIndexOf('\n');
  if (nl > 0 && nl < w) return [s.slice(0, nl), s.slice(nl + 1)];
  return [s.slice(0, w), s.slice(w + 1)];
}

const VERBS = new Map<string, VerbHelp>([
  ['version', { widest: '--format string' }],
  ['ps', { aliases: ['container ls', 'container list', 'container ps', 'ps'], widest: '--filter filter' }],
  ['images', { aliases: ['image ls', 'image list', 'images'], widest: '--filter filter' }],
  ['run', { aliases: ['container run', 'run'], widest: '--health-start-interval duration' }],
  ['create', { aliases: ['container create', 'create'], widest: '--health-start-interval duration' }],
  ['pull', { aliases: ['image pull', 'pull'], widest: '--disable-content-trust' }],
  ['rm', { aliases: ['container rm', 'container remove', 'rm'], widest: '--volumes' }],
  ['start', { aliases: ['container start', 'start'], widest: '--checkpoint-dir string' }],
  ['stop', { aliases: ['container stop', 'stop'], widest: '--signal string' }],
  ['kill', { aliases: ['container kill', 'kill'], widest: '--signal string' }],
  ['restart', { aliases: ['container restart', 'restart'], widest: '--signal string' }],
  ['logs', { aliases: ['container logs', 'logs'], widest: '--since string' }],
  ['commit', { aliases: ['container commit', 'commit'], widest: '--message string' }],
  ['cp', { aliases: ['container cp', 'cp'], widest: '--follow-link' }],
  ['save', { aliases: ['image save', 'save'], widest: '--platform string' }],
  ['load', { aliases: ['image load', 'load'], widest: '--platform string' }],
  ['build', { aliases: ['image build', 'build', 'builder build'], widest: '--disable-content-trust' }],
  ['exec', { aliases: ['container exec', 'exec'], widest: '--detach-keys string' }],
  ['inspect', { widest: '--format string' }],
  ['rmi', { aliases: ['image rm', 'image remove', 'rmi'], widest: '--platform strings' }],
  ['tag', { aliases: ['image tag', 'tag'] }],
  ['history', { aliases: ['image history', 'history'], widest: '--platform string' }],
  ['volume create', { widest: '--topology-preferred list' }],
  ['volume ls', { aliases: ['volume ls', 'volume list'], widest: '--filter filter' }],
  ['volume rm', { aliases: ['volume rm', 'volume remove'], widest: '--force' }],
  ['network create', { widest: '--config-from string' }],
  ['network ls', { aliases: ['network ls', 'network list'], widest: '--filter filter' }],
  ['network rm', { aliases: ['network rm', 'network remove'], widest: '--force' }],
  ['network connect', { widest: '--link-local-ip strings' }],
  ['network disconnect', { widest: '--force' }],
  ['port', { aliases: ['container port', 'port'] }],
  ['top', { aliases: ['container top', 'top'] }],
  ['diff', { aliases: ['container diff', 'diff'] }],
  ['wait', { aliases: ['container wait', 'wait'] }],
  ['rename', { aliases: ['container rename', 'rename'] }],
  ['pause', { aliases: ['container pause', 'pause'] }],
  ['unpause', { aliases: ['container unpause', 'unpause'] }],
  ['stats', { aliases: ['container stats', 'stats'], widest: '--format string' }],
  ['container prune', { widest: '--filter filter' }],
  ['image prune', { widest: '--filter filter' }],
  ['system df', { widest: '--format string' }],
  ['events', { aliases: ['system events', 'events'], widest: '--filter filter' }],
  ['info', { aliases: ['system info', 'info'], widest: '--format string' }],
  ['update', { aliases: ['container update', 'update'], widest: '--memory-reservation bytes' }],
  ['export', { aliases: ['container export', 'export'], widest: '--output string' }],
  ['attach', { aliases: ['container attach', 'attach'], widest: '--detach-keys string' }],
  ['volume inspect', { widest: '--format string' }],
  ['network inspect', { widest: '--format string' }],
  ['volume prune', { widest: '--filter filter' }],
  ['network prune', { widest: '--filter filter' }],
  ['login', { widest: '--password string' }],
  ['logout', {}],
  ['push', { aliases: ['image push', 'push'], widest: '--disable-content-trust' }],
  ['search', { widest: '--filter filter' }],
  ['system prune', { widest: '--filter filter' }],
]);
