// Connection and server commands: PING, ECHO, SELECT, QUIT, AUTH, HELLO,
// CLIENT, INFO, CONFIG, TIME, SAVE, BGSAVE, LASTSAVE, SHUTDOWN.
import { intArg, parseInt64, SYNTAX, type Call, type CommandSpec } from './call.ts';
import { DATABASES } from './keyspace.ts';
import { array, bulk, bulks, error, integer, OK, status } from './resp.ts';
import { REDIS_VERSION } from './version.ts';

const NAME_OK = /^[!-~]*$/;

function clientLine(c: Call, cl: Call['client']): string {
  const now = c.server.now();
  return `id=${cl.id} addr=${cl.addr} laddr=${cl.laddr} fd=${7 + cl.id} name=${cl.name} age=${Math.floor((now - cl.since) / 1000)} idle=0 flags=N db=${cl.db} sub=0 psub=0 ssub=0 multi=-1 watch=0 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=1928 events=r cmd=${cl.lastCommand} user=default redir=-1 resp=2 lib-name= lib-ver=\n`;
}

export const SERVER_COMMANDS: CommandSpec[] = [
  { name: 'ping', arity: -1, run: (c) => {
    if (c.argv.length > 2) return error("ERR wrong number of arguments for 'ping' command");
    return c.argv.length === 2 ? bulk(c.argv[1]!) : status('PONG');
  } },
  { name: 'echo', arity: 2, run: (c) => bulk(c.argv[1]!) },
  { name: 'select', arity: 2, run: (c) => {
    const n = intArg(c.argv[1]!);
    if (n < 0n || n >= BigInt(DATABASES)) return error('ERR DB index is out of range');
    c.client.db = Number(n);
    return OK;
  } },
  { name: 'auth', arity: -2, run: (c) => {
    if (c.argv.length > 3) return SYNTAX;
    const pass = c.argv[c.argv.length - 1]!;
    const user = c.argv.length === 3 ? c.argv[1]! : 'default';
    const required = c.server.config('requirepass') ?? '';
    if (!required && c.argv.length === 2) return error('ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?');
    if (user !== 'default' || (required && pass !== required)) return error('WRONGPASS invalid username-password pair or user is disabled.');
    c.client.authed = true;
    return OK;
  } },
  { name: 'quit', arity: -1, run: (c) => { c.client.closeAfterReply = true; return OK; } },
  { name: 'time', arity: 1, run: (c) => {
    const ms = c.server.now();
    return bulks([String(Math.floor(ms / 1000)), String((ms % 1000) * 1000)]);
  } },
  { name: 'lastsave', arity: 1, run: (c) => integer(c.server.lastSave) },
  { name: 'save', arity: 1, run: (c) => c.server.save() },
  { name: 'bgsave', arity: -1, run: (c) => {
    const opt = c.argv[1]?.toUpperCase();
    if (c.argv.length > 2 || (opt !== undefined && opt !== 'SCHEDULE')) return SYNTAX;
    return c.server.bgsave(opt === 'SCHEDULE');
  } },
  { name: 'shutdown', arity: -1, run: async (c) => {
    let save: boolean | null = null;
    for (const a of c.argv.slice(1)) {
      const o = a.toUpperCase();
      if (o === 'NOSAVE' && save === null) save = false;
      else if (o === 'SAVE' && save === null) save = true;
      else if (o !== 'NOW' && o !== 'FORCE') return SYNTAX;
    }
    return (await c.server.shutdown(save)) ?? '';
  } },
  { name: 'info', arity: -1, run: (c) => bulk(c.server.info(c.argv.slice(1).map((s) => s.toLowerCase()))) },
  { name: 'hello', arity: -1, run: (c) => {
    const proto = c.argv[1];
    if (proto !== undefined) {
      const n = parseInt64(proto);
      if (n === null) return error('ERR Protocol version is not an integer or out of range');
      if (n !== 2n) return error('NOPROTO unsupported protocol version');
    }
    for (let i = 2; i < c.argv.length; i++) {
      const o = c.argv[i]!.toUpperCase();
      if (o === 'SETNAME' && i + 1 < c.argv.length) c.client.name = c.argv[++i]!;
      else if (o === 'AUTH' && i + 2 < c.argv.length) i += 2;
      else return error(`ERR Syntax error in HELLO option '${c.argv[i]}'`);
    }
    return array([bulk('server'), bulk('redis'), bulk('version'), bulk(REDIS_VERSION), bulk('proto'), integer(2), bulk('id'), integer(c.client.id),
      bulk('mode'), bulk('standalone'), bulk('role'), bulk('master'), bulk('modules'), array([])]);
  } },
  { name: 'client', arity: -2, subcommands: [
    { name: 'setname', arity: 3, run: (c) => {
      if (!NAME_OK.test(c.argv[2]!)) return error('ERR Client names cannot contain spaces, newlines or special characters.');
      c.client.name = c.argv[2]!;
      return OK;
    } },
    { name: 'getname', arity: 2, run: (c) => bulk(c.client.name || null) },
    { name: 'id', arity: 2, run: (c) => integer(c.client.id) },
    { name: 'info', arity: 2, run: (c) => bulk(clientLine(c, c.client)) },
    { name: 'list', arity: -2, run: (c) => bulk([...c.server.clients].map((cl) => clientLine(c, cl)).join('')) },
  ] },
  { name: 'config', arity: -2, subcommands: [
    { name: 'get', arity: -3, run: (c) => {
      const seen = new Map<string, string>();
      for (const pattern of c.argv.slice(2)) for (const [k, v] of c.server.configGet(pattern)) seen.set(k, v);
      return bulks([...seen].flat());
    } },
    { name: 'set', arity: -4, run: async (c) => {
      if (c.argv.length % 2 !== 0) return error("ERR wrong number of arguments for 'config|set' command");
      for (let i = 2; i < c.argv.length; i += 2) {
        const problem = await c.server.configSet(c.argv[i]!.toLowerCase(), c.argv[i + 1]!);
        if (problem) return error(`ERR CONFIG SET failed (possibly related to argument '${c.argv[i]!.toLowerCase()}') - ${problem}`);
      }
      return OK;
    } },
    { name: 'resetstat', arity: 2, run: () => OK },
    { name: 'help', arity: 2, run: () => array(['CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:', 'GET <pattern>',
      '    Return parameters matching the glob-like <pattern> and their values.', 'SET <directive> <value>',
      '    Set the configuration <directive> to <value>.', 'RESETSTAT', '    Reset statistics reported by the INFO command.',
      'HELP', '    Print this help.'].map(status)) },
  ] },
];
