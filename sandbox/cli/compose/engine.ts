// The engine calls the compose commands share: images present or not,
// a container's state, waiting for one to be healthy or to exit (through
// the engine's events, never by polling), and following a container's
// output into the log printer.
import type { EngineClient } from '../../client/client.ts';
import { Demuxer } from '../demux.ts';
import type { LogPrinter } from './log-printer.ts';

export interface Inspect {
  Id: string;
  Name: string;
  Config: { Tty?: boolean; Labels?: Record<string, string> };
  State: { Status: string; Running: boolean; ExitCode: number; Health?: { Status: string } };
}

export async function imageExists(client: EngineClient, ref: string): Promise<boolean> {
  try { await client.json('GET', `/images/${ref}/json`); return true; } catch { return false; }
}

export function inspect(client: EngineClient, id: string): Promise<Inspect> {
  return client.json<Inspect>('GET', `/containers/${encodeURIComponent(id)}/json`);
}

/** Resolves once the container is healthy; rejects when it is unhealthy, exits, or has no healthcheck. */
export async function waitHealthy(client: EngineClient, id: string, name: string): Promise<void> {
  const r = await client.request('GET', '/events', { query: { filters: JSON.stringify({ container: [id], type: ['container'] }) } });
  const first = await inspect(client, id);
  const check = (i: Inspect): 'ok' | null => {
    if (!i.State.Health) throw new Error(`container ${name} has no healthcheck configured`);
    if (i.State.Health.Status === 'healthy') return 'ok';
    if (i.State.Health.Status === 'unhealthy') throw new Error(`container ${name} is unhealthy`);
    if (!i.State.Running) throw new Error(`container ${name} exited (${i.State.ExitCode})`);
    return null;
  };
  if (check(first)) return;
  for await (const e of r.jsonLines<{ Action?: string }>()) {
    if (e.Action === 'health_status: healthy') return;
    if (e.Action === 'health_status: unhealthy') throw new Error(`container ${name} is unhealthy`);
    if (e.Action === 'die') throw new Error(`container ${name} exited (${(await inspect(client, id)).State.ExitCode})`);
  }
  throw new Error(`container ${name} is unhealthy`);
}

/** The container's exit status, once it has exited. */
export async function waitExit(client: EngineClient, id: string): Promise<number> {
  const r = await client.json<{ StatusCode: number }>('POST', `/containers/${encodeURIComponent(id)}/wait`, { query: { condition: 'not-running' } });
  return r.StatusCode;
}

/** Streams a container's output (logs, optionally following) into the printer under `name`. */
export async function followLogs(client: EngineClient, id: string, name: string, printer: LogPrinter, o: { follow: boolean; tty: boolean; tail?: string; timestamps?: boolean }): Promise<void> {
  const r = await client.request('GET', `/containers/${encodeURIComponent(id)}/logs`, {
    query: { stdout: true, stderr: true, follow: o.follow, ...(o.tail && { tail: o.tail }), ...(o.timestamps && { timestamps: true }) },
  });
  const demux = new Demuxer((stream, data) => printer.write(name, stream === 2 ? 2 : 1, data));
  for await (const chunk of r.chunks()) {
    if (o.tty) printer.write(name, 1, chunk);
    else demux.push(chunk);
  }
  printer.flush(name);
}
