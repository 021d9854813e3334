// The commands the student ran, as checks read them: ctx.commands holds whole
// command lines as typed at the host's shell; dockerCalls() finds the docker
// invocations in them — through `;`, `&&`, `||`, pipes and `$( )` — split into
// words as the shell would (quotes and backslashes; no expansions), with the
// verb normalised (`docker container ls` is `ps`, `docker image ls` is
// `images`), so a check can ask "did they run docker logs on web?".
//
// The history says what was typed, not whether it worked: read the engine's
// state for that.

export interface DockerCall {
  /** The words after `docker`: ['run', '-d', '--name', 'web', 'nginx:alpine']. */
  args: string[];
  /** The command it runs: run, ps, logs, images, build, compose… ('--version' for docker --version/-v; '' for none). */
  verb: string;
  /** The words after the verb. */
  rest: string[];
  /** The whole command line it came from. */
  line: string;
}

const MAX_LINE = 64 * 1024;

/** The simple commands in a shell line, each as its words (assignments before the command dropped). */
export function shellCommands(line: string): string[][] {
  const out: string[][] = [];
  let words: string[] = [];
  let word: string | null = null;
  const endWord = (): void => { if (word !== null) { words.push(word); word = null; } };
  const endCommand = (): void => {
    endWord();
    while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) words.shift();
    if (words.length > 0) out.push(words);
    words = [];
  };
  const s = line.slice(0, MAX_LINE);
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "'") {
      const end = s.indexOf("'", i + 1);
      word = (word ?? '') + s.slice(i + 1, end < 0 ? s.length : end);
      i = end < 0 ? s.length : end;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      for (; j < s.length && s[j] !== '"'; j++) {
        if (s[j] === '\\' && j + 1 < s.length && '"\\$`'.includes(s[j + 1]!)) j++;
        text += s[j];
      }
      word = (word ?? '') + text;
      i = j;
    } else if (c === '\\' && i + 1 < s.length) {
      if (s[i + 1] !== '\n') word = (word ?? '') + s[i + 1];
      i++;
    } else if (c === '#' && word === null) {
      const nl = s.indexOf('\n', i);
      i = nl < 0 ? s.length : nl - 1;
    } else if (c === '$' && s[i + 1] === '(') {
      endCommand();
      i++;
    } else if (';&|()`\n'.includes(c)) {
      endCommand();
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else {
      word = (word ?? '') + c;
    }
  }
  endCommand();
  return out;
}

/** Global options of the docker CLI that take a value (skipped before the verb). */
const GLOBAL_WITH_VALUE = new Set(['-H', '--host', '-c', '--context', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey']);
/** `docker <object> <verb>` forms with the verb's short name. */
const MANAGEMENT: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  ['container', new Map([['ls', 'ps'], ['list', 'ps'], ['ps', 'ps'], ['remove', 'rm']])],
  ['image', new Map([['ls', 'images'], ['list', 'images'], ['rm', 'rmi'], ['remove', 'rmi']])],
  ['builder', new Map([['build', 'build']])],
]);

/** Every docker invocation in `commands`, in order. */
export function dockerCalls(commands: readonly string[]): DockerCall[] {
  const out: DockerCall[] = [];
  for (const line of commands) {
    for (const words of shellCommands(line)) {
      if (words[0] !== 'docker' && !words[0]!.endsWith('/docker')) continue;
      const args = words.slice(1);
      let i = 0;
      while (i < args.length && args[i]!.startsWith('-') && args[i] !== '-v' && args[i] !== '--version') i += GLOBAL_WITH_VALUE.has(args[i]!) ? 2 : 1;
      let verb = args[i] ?? '';
      let rest = args.slice(i + 1);
      if (verb === '-v') verb = '--version';
      const sub = MANAGEMENT.get(verb);
      if (sub && rest.length > 0 && !rest[0]!.startsWith('-')) {
        verb = sub.get(rest[0]!) ?? rest[0]!;
        rest = rest.slice(1);
      }
      out.push({ args, verb, rest, line });
    }
  }
  return out;
}
