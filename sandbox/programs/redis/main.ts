// The `redis-server` program: `redis-server [/path/to/redis.conf]
// [--option value …]`, -v/--version, -h/--help. The configuration is read
// as redis reads it (a bad line is a fatal error with redis's report), then
// the server runs in the foreground — or, with `daemonize yes`, goes to the
// background, so a container whose command it is exits at once.
import { basename, normalizePath } from '../../fs/path.ts';
import type { Program } from '../../kernel/process.ts';
import { ConfigError, configText, fatalReport, parseConfig, type Config } from './config.ts';
import { readIfExists, reason } from './disk.ts';
import { RedisServer } from './server.ts';
import { REDIS_VERSION } from './version.ts';

const USAGE = `Usage: ./redis-server [/path/to/redis.conf] [options] [-]
       ./redis-server - (read config from stdin)
       ./redis-server -v or --version
       ./redis-server -h or --help
       ./redis-server --test-memory <megabytes>
       ./redis-server --check-system

Examples:
       ./redis-server (run the server with default conf)
       echo 'maxmemory 128mb' | ./redis-server -
       ./redis-server /etc/redis/6379.conf
       ./redis-server --port 7777
       ./redis-server --port 7777 --replicaof 127.0.0.1 8888
       ./redis-server /etc/myredis.conf --loglevel verbose -
       ./redis-server /etc/myredis.conf --loglevel verbose

Sentinel mode:
       ./redis-server /etc/sentinel.conf --sentinel
`;

export const redisServer: Program = async (p) => {
  const name = basename(p.argv[0] ?? 'redis-server');
  if (name === 'redis-sentinel' || name === 'redis-check-rdb' || name === 'redis-check-aof') {
    await p.write(2, `${name}: this program is not available in the playground yet\n`);
    return 127;
  }
  const args = p.argv.slice(1);
  if (args[0] === '-v' || args[0] === '--version') {
    await p.write(1, `Redis server v=${REDIS_VERSION} sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=c4b9a5d7f5cf2a9b\n`);
    return 0;
  }
  if (args[0] === '-h' || args[0] === '--help') { await p.write(2, USAGE); return 1; }
  if (args[0] === '--test-memory' || args[0] === '--check-system' || args.includes('--sentinel')) {
    await p.write(2, `redis-server: ${args[0] === '--sentinel' || args.includes('--sentinel') ? 'sentinel mode' : args[0]} is not available in the playground\n`);
    return 1;
  }
  let configFile = '';
  let fileText = '';
  let options = args;
  if (args[0] !== undefined && !args[0].startsWith('-')) {
    configFile = normalizePath(args[0], p.cwd);
    options = args.slice(1);
    try {
      const text = readIfExists(p, configFile);
      if (text === null) throw Object.assign(new Error(), { description: 'No such file or directory' });
      fileText = text;
    } catch (e) {
      const why = (e as { description?: string }).description ?? reason(e);
      await p.write(2, `Fatal error, can't open config file '${configFile}': ${why}\n`);
      return 1;
    }
  }
  let config: Config;
  const text = configText(fileText, options);
  try {
    config = parseConfig(text);
    if (config.dir) {
      const dir = normalizePath(config.dir, p.cwd);
      let ok = false;
      try { ok = p.fs.statSync(dir).type === 'dir'; } catch { /* missing */ }
      if (!ok) {
        const lineNo = text.split('\n').findIndex((l) => /^\s*dir\s/i.test(l)) + 1;
        throw new ConfigError(lineNo, text.split('\n')[lineNo - 1]!.trim(), 'No such file or directory');
      }
      p.cwd = dir;
    }
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    await p.write(2, fatalReport(e));
    return 1;
  }
  const start = { configFile, configured: configFile !== '' || options.length > 0 };
  if (config.daemonize) {
    // The server forks and the foreground process exits: nothing is left for the container to wait on.
    p.spawn((child) => new RedisServer(child, config, start).run(), { argv: p.argv });
    return 0;
  }
  return new RedisServer(p, config, start).run();
};
