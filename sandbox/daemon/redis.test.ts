// The redis:7-alpine image runs a real redis-server: answered by redis-cli
// from another container by name on a user-defined network (and not on the
// default bridge), its start-up and shutdown logs as redis 7 prints them,
// the server stepping down to the redis user, data that survives the
// container through a volume (snapshot on SIGTERM, or the AOF), BGSAVE
// from a child process, and its memory charged to the container's cgroup.
import { describe, expect, it } from 'vitest';
import type { Container } from './container.ts';
import { Daemon } from './daemon.ts';
import { sequentialIds } from './ids.ts';
import { logText as text, until } from './testing/harness.ts';

const dec = new TextDecoder();

async function exec(d: Daemon, c: Container, script: string): Promise<string> {
  const out: string[] = [];
  await c.exec(d.kernel, d.userland, ['sh', '-c', script], { onStdout: (b) => out.push(dec.decode(b)), onStderr: (b) => out.push(dec.decode(b)) }).done;
  return out.join('');
}

async function server(d: Daemon, opts: { name: string; network?: string; volume?: string; cmd?: string[]; memory?: number }): Promise<Container> {
  const c = d.containers.create({
    image: d.images.mustResolve('redis:7-alpine'), name: opts.name, network: opts.network, memory: opts.memory,
    ...(opts.cmd && { cmd: opts.cmd }), ...(opts.volume && { mounts: [{ type: 'volume' as const, source: opts.volume, target: '/data' }] }),
  });
  d.containers.start(c);
  await until(() => c.netns?.isListening(6379) ?? false, `${opts.name} to listen`);
  await until(() => text(c).includes('Ready to accept connections tcp'), 'the ready line');
  return c;
}

/** A one-off client container from the same image: `redis-cli …` (output raw: no terminal). */
async function cli(d: Daemon, script: string, network?: string): Promise<{ out: string; err: string; code: number }> {
  const { container, exitCode } = await d.run({ image: d.images.mustResolve('redis:7-alpine'), network, cmd: ['sh', '-c', script], rm: false });
  return { out: text(container), err: text(container, 'stderr'), code: exitCode };
}

const STAMP = String.raw`\d\d \w{3} \d{4} \d\d:\d\d:\d\d\.\d{3}`;

describe('redis:7-alpine', () => {
  it('answers redis-cli from another container by name; logs and stops like redis 7', async () => {
    const d = await Daemon.create({ newId: sequentialIds('rds') });
    d.networks.create('app');
    const db = await server(d, { name: 'db', network: 'app' });
    expect(text(db)).toMatch(new RegExp([
      `^1:C ${STAMP} \\* oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
      `1:C ${STAMP} \\* Redis version=7\\.4\\.2, bits=64, commit=00000000, modified=0, pid=1, just started`,
      `1:C ${STAMP} # Warning: no config file specified, using the default config\\. In order to specify a config file use redis-server /path/to/redis\\.conf`,
      `1:M ${STAMP} \\* monotonic clock: POSIX clock_gettime`,
      `1:M ${STAMP} \\* Running mode=standalone, port=6379\\.`,
      `1:M ${STAMP} \\* Server initialized`,
      `1:M ${STAMP} \\* Ready to accept connections tcp\n$`,
    ].join('\n')));
    // The entrypoint stepped down to redis with gosu; redis-server kept PID 1.
    expect(await exec(d, db, 'ps -o pid,user,args')).toMatch(/^PID +USER +COMMAND\n +1 redis +redis-server \*:6379\n/);
    const r = await cli(d, 'redis-cli -h db ping && redis-cli -h db set greeting hola && redis-cli -h db get greeting && redis-cli -h db incr visits && redis-cli -h db incr visits && redis-cli -h db get nothing && redis-cli -h db rpush l a b c && redis-cli -h db lrange l 0 -1', 'app');
    expect(r).toEqual({ out: 'PONG\nOK\nhola\n1\n2\n\n3\na\nb\nc\n', err: '', code: 0 });
    await d.containers.stop(db);
    expect(db.state.ExitCode).toBe(0);
    expect(text(db)).toMatch(new RegExp([
      `1:signal-handler \\(\\d+\\) Received SIGTERM scheduling shutdown\\.\\.\\.`,
      `1:M ${STAMP} \\* User requested shutdown\\.\\.\\.`,
      `1:M ${STAMP} \\* Saving the final RDB snapshot before exiting\\.`,
      `1:M ${STAMP} \\* DB saved on disk`,
      `1:M ${STAMP} # Redis is now ready to exit, bye bye\\.\\.\\.\n$`,
    ].join('\n')));
  });

  it('replies with redis\'s errors; redis-cli prints them and exits 0 (1 with -e); nc speaks the inline protocol', async () => {
    const d = await Daemon.create({ newId: sequentialIds('rds') });
    d.networks.create('app');
    await server(d, { name: 'db', network: 'app' });
    const r = await cli(d, [
      'redis-cli -h db helo world', 'redis-cli -h db get', 'redis-cli -h db set k v', 'redis-cli -h db lpush k x',
      'redis-cli -h db incr k', 'redis-cli -h db set n 1 EX 0', 'redis-cli -h db set n 1 NX XX', 'redis-cli -h db select 16',
      'redis-cli -h db config nope', 'echo status $?', 'redis-cli -e -h db incr k; echo status $?',
    ].join('; '), 'app');
    expect(r.out).toBe([
      "ERR unknown command 'helo', with args beginning with: 'world' \n",
      "ERR wrong number of arguments for 'get' command\n",
      'OK',
      'WRONGTYPE Operation against a key holding the wrong kind of value\n',
      'ERR value is not an integer or out of range\n',
      "ERR invalid expire time in 'set' command\n",
      'ERR syntax error\n',
      'ERR DB index is out of range\n',
      "ERR unknown subcommand 'nope'. Try CONFIG HELP.\n",
      'status 0',
      'status 1',
      '',
    ].join('\n'));
    expect(r.err).toBe('ERR value is not an integer or out of range\n');
    const inline = await cli(d, 'printf \'PING\\r\\nSET "a b" "x\\\\ny"\\r\\nGET "a b"\\r\\nFOO\\r\\nQUIT\\r\\n\' | nc db 6379', 'app');
    expect(inline.out).toBe("+PONG\r\n+OK\r\n$3\r\nx\ny\r\n-ERR unknown command 'FOO', with args beginning with: \r\n+OK\r\n");
  });

  it('redis-cli reads commands from stdin without a command; --no-raw formats as at a terminal', async () => {
    const d = await Daemon.create({ newId: sequentialIds('rds') });
    d.networks.create('app');
    await server(d, { name: 'db', network: 'app' });
    const r = await cli(d, 'printf "rpush l a b\\nselect 1\\nget x\\nquit\\nping\\n" | redis-cli -h db; redis-cli -h db --no-raw lrange l 0 -1; redis-cli -h db --no-raw get x; redis-cli -h db --no-raw incr n', 'app');
    expect(r).toEqual({ out: '2\nOK\n\n1) "a"\n2) "b"\n(nil)\n(integer) 1\n', err: '', code: 0 });
  });

  it('on the default bridge the name does not resolve: redis-cli says so and exits 1 (a healthcheck fails)', async () => {
    const d = await Daemon.create({ newId: sequentialIds('rds') });
    await server(d, { name: 'db' });
    expect(await cli(d, 'redis-cli -h db ping')).toEqual({ out: '', err: 'Could not connect to Redis at db:6379: Name does not resolve\n', code: 1 });
    expect(await cli(d, 'redis-cli ping')).toEqual({ out: '', err: 'Could not connect to Redis at 127.0.0.1:6379: Connection refused\n', code: 1 });
  });

  it('keeps its data in a named volume: saved on docker stop, loaded by a new container', async () => {
    const d = await Daemon.create({ newId: sequentialIds('rds') });
    d.networks.create('app');
    const first = await server(d, { name: 'db', network: 'app', volume: 'redis-data' });
    expect((await cli(d, 'redis-cli -h db mset a 1 b 2 && redis-cli -h db hset user:1 name Ana age 30 && redis-cli -h db set tmp x EX 1000', 'app')).out).toBe('OK\n2\nOK\n');
    await d.containers.stop(first);
    d.containers.remove(first);
    expect(await exec(d, await server(d, { name: 'probe', volume: 'redis-data' }), 'ls -l /data; head -c 24 /data/dump.rdb')).toMatch(/-rw-r--r-- +1 redis +redis +\d+ .* dump\.rdb\nREDIS-PLAYGROUND-DUMP 1\n$/);
    d.containers.kill(d.containers.get('probe'), 9);
    const second = await server(d, { name: 'db2', network: 'app', volume: 'redis-data' });
    expect(text(second)).toMatch(new RegExp([
      `1:M ${STAMP} \\* Server initialized`,
      `1:M ${STAMP} \\* Loading RDB produced by version 7\\.4\\.2`,
      `1:M ${STAMP} \\* RDB age \\d+ seconds`,
      `1:M ${STAMP} \\* RDB memory usage when created \\d+\\.\\d\\d Mb`,
      `1:M ${STAMP} \\* Done loading RDB, keys loaded: 4, keys expired: 0\\.`,
      `1:M ${STAMP} \\* DB loaded from disk: \\d\\.\\d{3} seconds`,
    ].join('\n')));
    expect((await cli(d, 'redis-cli -h db2 mget a b && redis-cli -h db2 hgetall user:1 && redis-cli -h db2 dbsize && redis-cli -h db2 ttl tmp', 'app')).out).toMatch(/^1\n2\nname\nAna\nage\n30\n4\n(99\d|1000)\n$/);
  });

  it('--appendonly yes: every write is in appendonlydir, replayed after a kill', async () => {
    const d = await Daemon.create({ newId: sequentialIds('rds') });
    d.networks.create('app');
    const first = await server(d, { name: 'db', network: 'app', volume: 'aof', cmd: ['redis-server', '--appendonly', 'yes', '--save', ''] });
    expect(text(first)).toMatch(/\* Configuration loaded\n[\s\S]*\* Creating AOF base file appendonly\.aof\.1\.base\.rdb on server start\n.*\* Creating AOF incr file appendonly\.aof\.1\.incr\.aof on server start\n/);
    await cli(d, 'redis-cli -h db incr hits; redis-cli -h db incr hits; redis-cli -h db -n 2 set other x; redis-cli -h db expire hits 1000', 'app');
    expect(await exec(d, first, 'cat appendonlydir/appendonly.aof.manifest; cat appendonlydir/appendonly.aof.1.incr.aof | tr "\\r\\n" "  "'))
      .toMatch(/^file appendonly\.aof\.1\.base\.rdb seq 1 type b\nfile appendonly\.aof\.1\.incr\.aof seq 1 type i\n\*2  \$6  SELECT  \$1  0  \*2  \$4  incr  \$4  hits  \*2  \$4  incr  \$4  hits  \*2  \$6  SELECT  \$1  2  \*3  \$3  SET  \$5  other  \$1  x  \*2  \$6  SELECT  \$1  0  \*3  \$9  PEXPIREAT  \$4  hits  \$13  \d{13}  $/);
    d.containers.kill(first, 9);
    await first.wait();
    expect(first.state.ExitCode).toBe(137);
    d.containers.remove(first);
    const second = await server(d, { name: 'db2', network: 'app', volume: 'aof', cmd: ['redis-server', '--appendonly', 'yes'] });
    expect(text(second)).toMatch(/\* DB loaded from append only file: \d\.\d{3} seconds\n.*\* Opening AOF incr file appendonly\.aof\.1\.incr\.aof on server start\n/);
    const r = await cli(d, 'redis-cli -h db2 get hits; redis-cli -h db2 -n 2 get other; redis-cli -h db2 ttl hits', 'app');
    expect(r.out).toMatch(/^2\nx\n(99\d|1000)\n$/);
  });

  it('BGSAVE forks a child that writes the snapshot; SHUTDOWN saves and exits; memory is charged to the cgroup', async () => {
    const d = await Daemon.create({ newId: sequentialIds('rds') });
    d.networks.create('app');
    const db = await server(d, { name: 'db', network: 'app', memory: 64 * 1024 * 1024 });
    const before = db.cgroup.memoryCurrent;
    expect(before).toBeGreaterThan(3_000_000);
    await cli(d, 'redis-cli -h db set big $(head -c 200000 /dev/zero | tr "\\0" x)', 'app');
    expect(db.cgroup.memoryCurrent - before).toBeGreaterThan(200_000);
    expect((await cli(d, 'redis-cli -h db bgsave', 'app')).out).toBe('Background saving started\n');
    await until(() => text(db).includes('Background saving terminated with success'), 'the background save');
    expect(text(db)).toMatch(new RegExp([
      `1:M ${STAMP} \\* Background saving started by pid (\\d+)`,
      `(\\d+):C ${STAMP} \\* DB saved on disk`,
      `\\2:C ${STAMP} \\* Fork CoW for RDB: current 0 MB, peak 0 MB, average 0 MB`,
      `1:M ${STAMP} \\* Background saving terminated with success\n`,
    ].join('\n')));
    const info = (await cli(d, 'redis-cli -h db info persistence; redis-cli -h db info keyspace', 'app')).out;
    expect(info).toContain('rdb_changes_since_last_save:0\r\n');
    expect(info).toContain('rdb_bgsave_in_progress:0\r\n');
    expect(info).toContain('# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0,subexpiry=0\r\n');
    expect(await cli(d, 'redis-cli -h db shutdown', 'app')).toEqual({ out: '', err: '', code: 0 });
    await db.wait();
    expect(db.state.ExitCode).toBe(0);
    expect(text(db)).toMatch(/\* User requested shutdown\.\.\.\n.*\* Saving the final RDB snapshot before exiting\.\n.*\* DB saved on disk\n.*# Redis is now ready to exit, bye bye\.\.\.\n$/);
  });

  it('a bad option is a fatal config error; a /data it cannot write fails the save plainly', async () => {
    const d = await Daemon.create({ newId: sequentialIds('rds') });
    const { container, exitCode } = await d.run({ image: d.images.mustResolve('redis:7-alpine'), cmd: ['redis-server', '--port', '6379', '--nope', 'x'] });
    expect(exitCode).toBe(1);
    expect(text(container, 'stderr')).toBe("\n*** FATAL CONFIG FILE ERROR (Redis 7.4.2) ***\nReading the configuration file, at line 3\n>>> 'nope \"x\"'\nBad directive or wrong number of arguments\n");
    d.networks.create('app');
    // Run as redis over a /data that belongs to root: the save fails, the server goes on.
    const db = await server(d, { name: 'db', network: 'app', cmd: ['sh', '-c', 'chown root:root /data && exec gosu redis redis-server'] });
    expect((await cli(d, 'redis-cli -h db set k v; redis-cli -h db save', 'app')).out).toBe('OK\nERR\n\n');
    expect(text(db)).toMatch(/# Failed opening the RDB file dump\.rdb \(in server root dir \/data\) for saving: Permission denied\n$/);
    // The image's entrypoint hands such a /data (here a volume a root container chowned) back to redis.
    await d.run({ image: d.images.mustResolve('busybox'), cmd: ['sh', '-c', 'touch /data/old && chown 0:0 /data'], mounts: [{ type: 'volume', source: 'rootvol', target: '/data' }] });
    const fixed = await server(d, { name: 'db2', network: 'app', volume: 'rootvol' });
    expect(await exec(d, fixed, 'stat -c "%U:%G" /data /data/old')).toBe('redis:root\nredis:root\n');
    expect((await cli(d, 'redis-cli -h db2 save', 'app')).out).toBe('OK\n');
  });
});
