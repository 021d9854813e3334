// Test helpers for the suites that check us against the stock docker CLI:
// where its binary is, and an engine served over TCP for a suite with a
// `docker …` that runs the real client against it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Daemon } from '../../daemon/daemon.ts';
import { serveEngine, type EngineServer } from '../http.node.ts';
import { engineRouter } from '../index.ts';

/** The installed docker client, if any. */
export const DOCKER = ['/usr/bin/docker', '/usr/local/bin/docker'].find((p) => existsSync(p));

export interface Out { out: string; err: string; code: number }

/** An engine served on a free TCP port, and the stock client pointed at it. */
export class TcpEngine {
  d!: Daemon;
  server!: EngineServer;
  host = '';

  async start(): Promise<Daemon> {
    this.d = await Daemon.create();
    this.server = await serveEngine(engineRouter(this.d), { host: '127.0.0.1', port: 0 });
    const addr = this.server.server.address();
    this.host = `tcp://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    return this.d;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  /** Runs the real `docker …` (classic builder, no user config) against this engine. */
  docker(...args: string[]): Promise<Out> {
    return this.dockerWith({}, ...args);
  }

  /** The same, run in `cwd`, with `input` on its standard input (`docker build -f - .`). */
  dockerWith(opts: { input?: string | Uint8Array; cwd?: string }, ...args: string[]): Promise<Out> {
    return new Promise((resolve) => {
      const child = execFile(DOCKER!, args, { ...(opts.cwd && { cwd: opts.cwd }), env: { ...process.env, DOCKER_HOST: this.host, DOCKER_BUILDKIT: '0', DOCKER_CONFIG: '/nonexistent-playground-docker-config' }, timeout: 20_000 }, (error, stdout, stderr) => {
        resolve({ out: stdout, err: stderr, code: error ? (typeof error.code === 'number' ? error.code : 1) : 0 });
      });
      child.stdin?.on('error', () => { /* docker may exit without reading it */ });
      child.stdin?.end(opts.input ?? '');
    });
  }
}
