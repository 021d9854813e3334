// The docker CLI's global options, before the command: -D/--debug,
// -l/--log-level, -H/--host (DOCKER_HOST when not given) and -c/--context.
// The host is where the CLI — a client — finds dockerd: unix:///var/run/docker.sock
// unless told otherwise. Where nothing answers, every command fails as
// docker's does ("Cannot connect to the Docker daemon at …"), though what
// needs no daemon (the Client half of `docker version`) still prints.
import { EngineClient } from '../client/client.ts';
import { CliError } from './command.ts';
import type { CliIO } from './io.ts';

export const DEFAULT_HOST = 'unix:///var/run/docker.sock';
const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'panic']);

export interface GlobalOptions {
  /** The words from the command on. */
  args: string[];
  /** The daemon's address as docker normalises it (`tcp://foo:2375` for `-H foo`). */
  host: string;
  /** Whether -H or DOCKER_HOST named it (not the default). */
  hostGiven: boolean;
}

/** docker's host normalisation: a bare name is tcp on port 2375; unix:// and tcp:// kept; fd:// and ssh:// as given. */
export function normaliseHost(h: string): string | null {
  const s = h.trim();
  if (s === '') return DEFAULT_HOST;
  const m = /^([a-z]+):\/\/(.*)$/.exec(s);
  if (!m) return /^[^\s/]+$/.test(s) ? `tcp://${s.includes(':') ? s : `${s}:2375`}` : null;
  if (m[1] === 'unix') return m[2] ? s : DEFAULT_HOST;
  if (m[1] === 'tcp') return m[2] ? `tcp://${m[2]!.includes(':') ? m[2] : `${m[2]}:2375`}` : 'tcp://localhost:2375';
  if (m[1] === 'ssh' || m[1] === 'fd' || m[1] === 'npipe') return s;
  return null;
}

/** Parses the global options; a string is the error to print (status 1 unless said otherwise). */
export function parseGlobalOptions(argv: string[], env: ReadonlyMap<string, string> | undefined): GlobalOptions | { error: string; code: number } {
  let args = argv;
  let host: string | null = null;
  for (let guard = 0; guard < argv.length && args.length > 0; guard++) {
    const a = args[0]!;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : null;
    if (name === '-D' || name === '--debug') { args = args.slice(1); continue; }
    if (!['-H', '--host', '-l', '--log-level', '-c', '--context'].includes(name)) break;
    const value = inline ?? args[1];
    if (value === undefined) return { error: `flag needs an argument: ${name.startsWith('--') ? `--${name.slice(2)}` : `'${name.slice(1)}' in ${name}`}\nSee 'docker --help'.\n`, code: 125 };
    args = args.slice(inline === null ? 2 : 1);
    if (name === '-l' || name === '--log-level') {
      if (!LEVELS.has(value.toLowerCase())) return { error: `Unable to parse logging level: ${value}\n`, code: 1 };
    } else if (name === '-c' || name === '--context') {
      if (value !== 'default') return { error: `context "${value}" does not exist\n`, code: 1 };
    } else {
      host = value;
    }
  }
  const given = host ?? env?.get('DOCKER_HOST') ?? null;
  const normalised = given === null ? DEFAULT_HOST : normaliseHost(given);
  if (normalised === null) return { error: `unable to parse docker host \`${given}\`\n`, code: 1 };
  return { args, host: normalised, hostGiven: given !== null };
}

/**
 * A client for a daemon that is not there: each request fails as docker's
 * does when it cannot connect (a name that does not resolve says so).
 */
export function unreachableClient(host: string): EngineClient {
  return new EngineClient(async (req) => {
    const tcp = /^tcp:\/\/([^:/]+):(\d+)$/.exec(host);
    if (tcp && !/^(localhost|\d+\.\d+\.\d+\.\d+)$/.test(tcp[1]!)) {
      throw new CliError(`error during connect: ${req.method[0]}${req.method.slice(1).toLowerCase()} "http://${tcp[1]}:${tcp[2]}${req.path}": dial tcp: lookup ${tcp[1]}: no such host`, 1);
    }
    throw new CliError(`Cannot connect to the Docker daemon at ${host}. Is the docker daemon running?`, 1);
  });
}

/** The client the command should use: `client`, unless the host named is not where the engine answers. */
export function clientFor(opts: GlobalOptions, client: EngineClient, io: CliIO): EngineClient {
  if (!opts.hostGiven || !io.engineAt || io.engineAt(opts.host)) return client;
  return unreachableClient(opts.host);
}
