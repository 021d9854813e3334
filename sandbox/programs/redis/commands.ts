// The command table and how one request is run, as redis's processCommand:
// look the name up (case-insensitively), check the arity, the client's
// authentication, then call it — and account for it (stats, errors by
// prefix, the changes to save, the AOF).
import { ReplyError, wrongArgs, type Call, type ClientState, type CommandSpec, type ServerState } from './call.ts';
import { KEY_COMMANDS } from './cmd-keys.ts';
import { SERVER_COMMANDS } from './cmd-server.ts';
import { TYPE_COMMANDS } from './cmd-types.ts';
import { error, textOfBin } from './resp.ts';

export const COMMANDS: ReadonlyMap<string, CommandSpec> = new Map([...KEY_COMMANDS, ...TYPE_COMMANDS, ...SERVER_COMMANDS].map((c) => [c.name, c]));

/** Commands a client may send before AUTH when the server has a password. */
const NO_AUTH = new Set(['auth', 'hello', 'quit']);

export interface Outcome {
  reply: string;
  /** The error's first word (ERR, WRONGTYPE…) when the reply is an error. */
  errorKind: string | null;
  /** Ran to the end (counted in total_commands_processed). */
  executed: boolean;
}

export interface RunContext {
  server: ServerState;
  client: ClientState;
  /** The server has a password (requirepass). */
  needsAuth: boolean;
  /** Logs a call that changed data (the AOF), in the form it should be replayed. */
  propagate(db: number, argv: string[]): void;
}

function quoted(s: string, max = 128): string {
  return s.length > max ? s.slice(0, max) : s;
}

/** redis's "unknown command" error: the name and the first arguments, each quoted and followed by a space. */
export function unknownCommand(argv: readonly string[]): string {
  let args = '';
  for (const a of argv.slice(1)) {
    if (args.length >= 128) break;
    args += `'${quoted(a, 128 - args.length)}' `;
  }
  return `ERR unknown command '${quoted(argv[0] ?? '')}', with args beginning with: ${args}`;
}

function arityOk(spec: CommandSpec, n: number): boolean {
  return spec.arity >= 0 ? n === spec.arity : n >= -spec.arity;
}

function fail(reply: string): Outcome {
  return { reply, errorKind: reply.slice(1).split(/[ \r]/)[0] ?? 'ERR', executed: false };
}

/** Runs one request; never throws for what a client sends. */
export async function runCommand(ctx: RunContext, argv: string[]): Promise<Outcome> {
  const name = argv[0]!.toLowerCase();
  let spec = COMMANDS.get(name);
  if (!spec) return fail(error(unknownCommand(argv)));
  let fullName = spec.name;
  if (!arityOk(spec, argv.length)) return fail(wrongArgs(fullName));
  if (spec.subcommands) {
    const sub = argv[1]!.toLowerCase();
    const found = spec.subcommands.find((s) => s.name === sub);
    if (!found) return fail(error(`ERR unknown subcommand '${quoted(textOfBin(argv[1]!))}'. Try ${spec.name.toUpperCase()} HELP.`));
    fullName = `${spec.name}|${found.name}`;
    spec = found;
    if (!arityOk(spec, argv.length)) return fail(wrongArgs(fullName));
  }
  if (ctx.needsAuth && !ctx.client.authed && !NO_AUTH.has(name)) return fail(error('NOAUTH Authentication required.'));
  ctx.client.lastCommand = fullName;
  let propagated: string[] | null = null;
  const call: Call = { argv, client: ctx.client, server: ctx.server, propagate: (a) => { propagated = a; } };
  const dirtyBefore = ctx.server.dirty;
  let reply: string;
  ctx.server.keyspace.countReads = !spec.write;
  try {
    reply = await spec.run!(call);
  } catch (e) {
    if (!(e instanceof ReplyError)) throw e;
    reply = e.reply;
  } finally {
    ctx.server.keyspace.countReads = false;
  }
  if (spec.write && ctx.server.dirty > dirtyBefore) ctx.propagate(ctx.client.db, propagated ?? argv);
  const isError = reply.startsWith('-');
  return { reply, errorKind: isError ? reply.slice(1).split(/[ \r]/)[0] ?? 'ERR' : null, executed: true };
}
