// Tab completion for the docker CLI — what cobra's hidden `docker __complete`
// gives a shell: the verbs, a verb's flags, and the names the engine knows
// (containers, images, volumes, networks) asked of it through the Engine API.
// null means "complete file names" (build contexts, cp, -v, -f…).
import type { EngineClient } from '../client/client.ts';
import type { FlagSpec } from './flags.ts';
import { commandName, findCommand, verbNames } from './main.ts';

type Kind = 'container' | 'running' | 'image' | 'volume' | 'network' | 'files' | 'none';

/** What each verb's positional arguments name. */
const ARGS = new Map<string, Kind>([
  ...['rm', 'start', 'inspect', 'logs', 'diff', 'export', 'commit', 'port', 'rename', 'wait', 'restart', 'unpause'].map((v) => [v, 'container'] as const),
  ...['stop', 'kill', 'exec', 'attach', 'top', 'pause', 'stats', 'update'].map((v) => [v, 'running'] as const),
  ...['run', 'create', 'rmi', 'tag', 'history', 'save', 'push'].map((v) => [v, 'image'] as const),
  ['volume rm', 'volume'], ['volume inspect', 'volume'],
  ['network rm', 'network'], ['network inspect', 'network'], ['network connect', 'network'], ['network disconnect', 'network'],
  ['build', 'files'], ['cp', 'files'], ['load', 'files'],
]);

/** Flag values worth completing. */
const FLAG_VALUES = new Map<string, Kind>([
  ['network', 'network'], ['volumes-from', 'container'], ['from', 'image'],
  ['volume', 'files'], ['file', 'files'], ['env-file', 'files'], ['output', 'files'], ['input', 'files'], ['mount', 'files'],
]);

/** Verbs whose first positional argument is the only one completed (run IMAGE [COMMAND]…). */
const FIRST_ONLY = new Set(['run', 'create', 'exec', 'rename', 'commit', 'tag', 'network connect', 'network disconnect']);

/**
 * Candidates for the last of `words` (`['docker', 'st']` → start, stats, stop);
 * null to complete file names.
 */
export async function completeDocker(words: string[], client: EngineClient): Promise<string[] | null> {
  const args = words.slice(1);
  const word = args[args.length - 1] ?? '';
  const before = args.slice(0, -1);
  if (before.length === 0) return word.startsWith('-') ? ['--help', '--version', '--debug'] : firstWords();
  const { name, rest } = commandName(before);
  const command = findCommand(name);
  if (!command) {
    // A group: `docker volume <TAB>`.
    if (before.length === 1) return verbNames().filter((v) => v.startsWith(`${before[0]} `)).map((v) => v.slice(before[0]!.length + 1));
    return [];
  }
  const flags = command.spec.flags;
  const previous = rest[rest.length - 1];
  const valueOf = previous?.startsWith('-') && !previous.includes('=') ? flagOf(flags, previous) : undefined;
  if (valueOf && valueOf.type !== 'bool') return names(FLAG_VALUES.get(valueOf.name) ?? 'none', client);
  if (word.startsWith('-')) return [...flags.flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]), '--help'];
  const positional = countPositional(rest, flags);
  if (FIRST_ONLY.has(name) && positional > 0) return name === 'run' || name === 'create' || name === 'exec' ? null : [];
  return names(ARGS.get(name) ?? 'none', client);
}

function firstWords(): string[] {
  return [...new Set(verbNames().map((v) => v.split(' ')[0]!))];
}

function flagOf(flags: FlagSpec[], word: string): FlagSpec | undefined {
  return word.startsWith('--') ? flags.find((f) => f.name === word.slice(2)) : flags.find((f) => f.short === word.slice(-1));
}

/** How many positional arguments `rest` holds (flags and their values skipped). */
function countPositional(rest: string[], flags: FlagSpec[]): number {
  let n = 0;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    if (w.startsWith('-') && w !== '-') {
      const f = flagOf(flags, w);
      if (f && f.type !== 'bool' && !w.includes('=')) i++;
    } else {
      n++;
    }
  }
  return n;
}

async function names(kind: Kind, client: EngineClient): Promise<string[] | null> {
  try {
    switch (kind) {
      case 'files': return null;
      case 'none': return [];
      case 'container': case 'running': {
        const list = await client.json<Array<{ Names: string[] }>>('GET', '/containers/json', { query: { all: kind === 'container' } });
        return list.flatMap((c) => c.Names.map((n) => n.replace(/^\//, '')));
      }
      case 'image': {
        const list = await client.json<Array<{ RepoTags: string[] | null }>>('GET', '/images/json');
        return list.flatMap((i) => (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>').flatMap((t) => (t.endsWith(':latest') ? [t.slice(0, -7), t] : [t])));
      }
      case 'volume': return (await client.json<{ Volumes: Array<{ Name: string }> | null }>('GET', '/volumes')).Volumes?.map((v) => v.Name) ?? [];
      case 'network': return (await client.json<Array<{ Name: string }>>('GET', '/networks')).map((n) => n.Name);
    }
  } catch {
    // The engine is unreachable or busy: nothing to offer, as a shell would show.
    return [];
  }
}
