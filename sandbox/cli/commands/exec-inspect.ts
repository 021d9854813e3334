// docker exec (attached with the container's output and exit status, -i
// stdin, -d detached), docker inspect (containers, then images; -f
// templates), and the image verbs rmi, tag, history.
import { EngineError } from '../../client/client.ts';
import { CliError, type Command } from '../command.ts';
import { Demuxer } from '../demux.ts';
import { withRawTerminal } from '../io.ts';
import { humanDuration, humanSize, shortId, ellipsis } from '../table.ts';
import { render, renderRows } from '../template.ts';
import { FORMAT_HELP, INSPECT_FORMAT_HELP } from '../help.ts';

export const exec: Command = {
  spec: {
    name: 'exec', usage: 'exec [OPTIONS] CONTAINER COMMAND [ARG...]', description: 'Execute a command in a running container', minArgs: 2, stopAtFirstArg: true,
    flags: [
      { name: 'detach', short: 'd', type: 'bool', description: 'Detached mode: run command in the background' },
      { name: 'env', short: 'e', type: 'list', description: 'Set environment variables' },
      { name: 'interactive', short: 'i', type: 'bool', description: 'Keep STDIN open even if not attached' },
      { name: 'tty', short: 't', type: 'bool', description: 'Allocate a pseudo-TTY' },
      { name: 'user', short: 'u', type: 'string', description: 'Username or UID (format: "<name|uid>[:<group|gid>]")' },
      { name: 'workdir', short: 'w', type: 'string', description: 'Working directory inside the container' },
    ],
  },
  async run({ client, io, flags }) {
    const [container, ...cmd] = flags.args;
    if (flags.bools.get('tty') && !io.isTTY) throw new CliError('the input device is not a TTY', 1);
    const tty = flags.bools.get('tty') ?? false;
    const interactive = flags.bools.get('interactive') ?? false;
    const { Id } = await client.json<{ Id: string }>('POST', `/containers/${encodeURIComponent(container!)}/exec`, {
      body: {
        Cmd: cmd, AttachStdin: interactive, AttachStdout: true, AttachStderr: true, Tty: tty, Env: flags.lists.get('env') ?? [],
        ...(flags.strings.get('user') && { User: flags.strings.get('user') }), ...(flags.strings.get('workdir') && { WorkingDir: flags.strings.get('workdir') }),
      },
    });
    if (flags.bools.get('detach')) {
      await client.request('POST', `/exec/${Id}/start`, { body: { Detach: true, Tty: tty } });
      return 0;
    }
    const conn = await client.hijack('POST', `/exec/${Id}/start`, { body: { Detach: false, Tty: tty } });
    await withRawTerminal(io, tty && interactive, async () => {
      if (interactive && io.readStdin) {
        void (async () => {
          for (let chunk = await io.readStdin!(); chunk; chunk = await io.readStdin!()) await conn.write(chunk);
        })();
      }
      const demux = new Demuxer((stream, data) => (stream === 2 ? io.stderr(data) : io.stdout(data)));
      for (let chunk = await conn.read(); chunk; chunk = await conn.read()) {
        if (tty) io.stdout(chunk);
        else demux.push(chunk);
      }
    });
    const info = await client.json<{ ExitCode: number | null }>('GET', `/exec/${Id}/json`);
    return info.ExitCode ?? 0;
  },
};

/** Go's json.MarshalIndent with four spaces, HTML-escaped as Go's encoder does. */
function goJson(v: unknown): string {
  return JSON.stringify(v, null, 4).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

export const inspect: Command = {
  spec: {
    name: 'inspect', usage: 'inspect [OPTIONS] NAME|ID [NAME|ID...]', description: 'Return low-level information on Docker objects', minArgs: 1,
    flags: [
      { name: 'format', short: 'f', type: 'string', description: INSPECT_FORMAT_HELP },
      { name: 'type', type: 'string', description: 'Only inspect objects of the given type' },
    ],
  },
  async run({ client, io, flags }) {
    const found: unknown[] = [];
    let failed = false;
    const type = flags.strings.get('type');
    for (const name of flags.args) {
      let obj: unknown = null;
      for (const kind of type ? [type] : ['container', 'image', 'volume', 'network']) {
        const path = kind === 'container' ? `/containers/${encodeURIComponent(name)}/json` : kind === 'image' ? `/images/${name}/json` : kind === 'volume' ? `/volumes/${encodeURIComponent(name)}` : `/networks/${encodeURIComponent(name)}`;
        try {
          obj = await client.json('GET', path);
          break;
        } catch (e) {
          if (!(e instanceof EngineError) || e.status !== 404) throw e;
        }
      }
      if (obj === null) {
        io.stderr(`Error: No such object: ${name}\n`);
        failed = true;
      } else found.push(obj);
    }
    const format = flags.strings.get('format');
    if (format && format !== 'json') {
      for (const obj of found) io.stdout(`${render(format, obj)}\n`);
    } else {
      io.stdout(`${goJson(found)}\n`);
    }
    return failed ? 1 : 0;
  },
};

export const rmi: Command = {
  spec: {
    name: 'rmi', usage: 'rmi [OPTIONS] IMAGE [IMAGE...]', description: 'Remove one or more images', minArgs: 1,
    flags: [{ name: 'force', short: 'f', type: 'bool', description: 'Force removal of the image' }, { name: 'no-prune', type: 'bool', description: 'Do not delete untagged parents' }],
  },
  async run({ client, io, flags }) {
    let failed = false;
    for (const name of flags.args) {
      try {
        const items = await client.json<Array<{ Untagged?: string; Deleted?: string }>>('DELETE', `/images/${name}`, { query: { force: flags.bools.get('force') ?? false } });
        for (const i of items) io.stdout(i.Untagged ? `Untagged: ${i.Untagged}\n` : `Deleted: ${i.Deleted}\n`);
      } catch (e) {
        if (!(e instanceof EngineError)) throw e;
        io.stderr(`Error response from daemon: ${e.message}\n`);
        failed = true;
      }
    }
    return failed ? 1 : 0;
  },
};

export const tag: Command = {
  spec: { name: 'tag', usage: 'tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]', description: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE', minArgs: 2, maxArgs: 2, flags: [] },
  async run({ client, flags }) {
    const [source, target] = flags.args as [string, string];
    const slash = target.lastIndexOf('/');
    const colon = target.lastIndexOf(':');
    const [repo, tagName] = colon > slash ? [target.slice(0, colon), target.slice(colon + 1)] : [target, 'latest'];
    await client.request('POST', `/images/${source}/tag`, { query: { repo, tag: tagName } });
    return 0;
  },
};

const HISTORY_DEFAULT = 'table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';

export const history: Command = {
  spec: {
    name: 'history', usage: 'history [OPTIONS] IMAGE', description: 'Show the history of an image', minArgs: 1, maxArgs: 1,
    flags: [
      { name: 'format', type: 'string', description: FORMAT_HELP },
      { name: 'human', short: 'H', type: 'bool', description: 'Print sizes and dates in human readable format', default: 'true' },
      { name: 'no-trunc', type: 'bool', description: "Don't truncate output" },
      { name: 'quiet', short: 'q', type: 'bool', description: 'Only show image IDs' },
    ],
  },
  async run({ client, io, flags, now }) {
    const rows = await client.json<Array<{ Id: string; Created: number; CreatedBy: string; Size: number; Comment: string }>>('GET', `/images/${flags.args[0]}/history`);
    const trunc = !flags.bools.get('no-trunc');
    if (flags.bools.get('quiet')) {
      io.stdout(rows.map((r) => `${r.Id === '<missing>' ? r.Id : trunc ? shortId(r.Id) : r.Id}\n`).join(''));
      return 0;
    }
    const data = rows.map((r) => ({
      ID: r.Id === '<missing>' ? r.Id : trunc ? shortId(r.Id) : r.Id, CreatedSince: `${humanDuration(now - r.Created * 1000)} ago`,
      CreatedAt: new Date(r.Created * 1000).toISOString(), CreatedBy: trunc ? ellipsis(r.CreatedBy.replace(/\t/g, ' '), 45) : r.CreatedBy,
      Size: humanSize(r.Size), Comment: r.Comment,
    }));
    io.stdout(renderRows(flags.strings.get('format') ?? HISTORY_DEFAULT, data, { ID: 'IMAGE', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', CreatedBy: 'CREATED BY', Size: 'SIZE', Comment: 'COMMENT' }));
    return 0;
  },
};
