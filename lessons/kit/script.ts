// A solution's or an attempt's commands.sh: what a student types, line by
// line, at the host's prompt — plus `#@` directives for what happens beside
// the terminal:
//
//   docker run -d --name web -p 8080:80 nginx:alpine
//   #@ open 8080 /             the page's preview opens http://localhost:8080/
//   #@ check run               grade step "run" here (solution: all its checks pass)
//   docker run -it --rm alpine sh
//   #@ expect / #              the line above does not return to the prompt: wait for this text
//   exit
//   docker logs -f web
//   #@ expect start worker process
//   #@ key ctrl-c              press ^C (then the prompt is awaited, as after a line)
//   #@ file app.js steps/app-v2.js   the editor writes app.js (source: this folder's steps/app-v2.js; an attempt falls back to the solution's)
//   #@ sleep 2                 wait 2 s (a student reading), e.g. for a container's next log line
//
// Blank lines and `# comments` are not typed. Each typed line waits for the
// prompt before it (a command spanning lines needs `#@ expect > `).

export type ScriptAction =
  | { kind: 'type'; text: string; line: number }
  | { kind: 'key'; key: 'ctrl-c' | 'ctrl-d'; line: number }
  | { kind: 'expect'; text: string; line: number }
  | { kind: 'check'; step: string; line: number }
  | { kind: 'file'; path: string; from: string; line: number }
  | { kind: 'open'; port: number; path: string; line: number }
  | { kind: 'sleep'; seconds: number; line: number };

export const KEYS = { 'ctrl-c': '\x03', 'ctrl-d': '\x04' } as const;
const MAX_ACTIONS = 2000;
const SAFE_PATH = /^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._/-]+$/;

/** Parses a commands.sh; `name` prefixes the issues (`solution/commands.sh:4: …`). */
export function parseScript(source: string, name: string): { actions: ScriptAction[]; issues: string[] } {
  const actions: ScriptAction[] = [];
  const issues: string[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((raw, i) => {
    const line = i + 1;
    const at = `${name}:${line}`;
    const text = raw.replace(/\s+$/, '');
    if (actions.length >= MAX_ACTIONS) { if (actions.length === MAX_ACTIONS) issues.push(`${name}: more than ${MAX_ACTIONS} actions`); return; }
    if (!text.trim()) return;
    if (!text.startsWith('#@')) {
      if (!text.trimStart().startsWith('#')) actions.push({ kind: 'type', text, line });
      return;
    }
    const m = /^#@\s*(\S+)\s*(.*)$/.exec(text);
    const [verb = '', arg = ''] = m ? [m[1], m[2]] : [];
    switch (verb) {
      case 'expect':
        if (!arg) issues.push(`${at}: #@ expect needs the text to wait for`);
        // The text may end in a space (a prompt such as "/ # "): keep what follows the first space after "expect".
        else actions.push({ kind: 'expect', text: raw.replace(/^#@\s*expect\s/, ''), line });
        break;
      case 'key':
        if (arg !== 'ctrl-c' && arg !== 'ctrl-d') issues.push(`${at}: #@ key takes ctrl-c or ctrl-d`);
        else actions.push({ kind: 'key', key: arg, line });
        break;
      case 'check':
        if (!/^[a-z0-9][a-z0-9-]*$/.test(arg)) issues.push(`${at}: #@ check takes a step id`);
        else actions.push({ kind: 'check', step: arg, line });
        break;
      case 'file': {
        const [path = '', from = '', extra] = arg.split(/\s+/);
        if (!SAFE_PATH.test(path) || !SAFE_PATH.test(from) || extra !== undefined) issues.push(`${at}: #@ file takes a workspace path and a file of this folder: #@ file app.js steps/app-v2.js`);
        else actions.push({ kind: 'file', path, from, line });
        break;
      }
      case 'open': {
        const [port = '', path = '/', extra] = arg.split(/\s+/);
        const n = Number(port);
        if (!Number.isInteger(n) || n < 1 || n > 65535 || !path.startsWith('/') || extra !== undefined) issues.push(`${at}: #@ open takes a port and a path: #@ open 8080 /`);
        else actions.push({ kind: 'open', port: n, path, line });
        break;
      }
      case 'sleep': {
        const s = Number(arg);
        if (!(s > 0 && s <= 30)) issues.push(`${at}: #@ sleep takes seconds, up to 30`);
        else actions.push({ kind: 'sleep', seconds: s, line });
        break;
      }
      default:
        issues.push(`${at}: unknown directive "#@ ${verb}" (known: expect, key, check, file, open, sleep)`);
    }
  });
  actions.forEach((a, i) => {
    const prev = actions[i - 1];
    if (a.kind === 'expect' && prev?.kind !== 'type' && prev?.kind !== 'key') issues.push(`${name}:${a.line}: #@ expect follows the line or key it waits after`);
  });
  return { actions, issues };
}

/** The step ids a script grades at (`#@ check`), in order. */
export const checkpoints = (actions: readonly ScriptAction[]): string[] => actions.flatMap((a) => (a.kind === 'check' ? [a.step] : []));
