// Published ports as real TCP ports of the machine running `npm run
// dockerd`: for every -p the engine publishes, a listener on the host that
// pipes each connection into the container's port through the virtual
// network (as docker-proxy does). A host port already taken by another
// program is reported, not fatal: the port stays reachable inside.
import { createServer, type Server, type Socket } from 'node:net';
import type { Daemon } from '../daemon/daemon.ts';

const io = { wait: <T>(p: Promise<T>) => p, charge: () => {}, cgroup: null };

async function pipe(d: Daemon, port: number, client: Socket): Promise<void> {
  let sock;
  try {
    sock = await d.networks.dial(port);
  } catch {
    client.destroy();
    return;
  }
  sock.retain();
  const inner = sock;
  client.on('data', (chunk: Buffer) => {
    client.pause();
    inner.write(new Uint8Array(chunk), io).then(() => client.resume(), () => client.destroy());
  });
  client.on('end', () => inner.shutdownWrite());
  client.on('close', () => inner.drop());
  client.on('error', () => client.destroy());
  try {
    for (let chunk = await inner.read(65536, io); chunk; chunk = await inner.read(65536, io)) {
      if (!client.write(chunk)) await new Promise((r) => client.once('drain', r));
    }
    client.end();
  } catch {
    client.destroy();
  }
}

/** Opens host ports for published container ports until the returned function is called. */
export function exposePublishedPorts(d: Daemon, bindHost: string, warn: (message: string) => void): () => void {
  const servers = new Map<number, Server>();
  const open = (port: number): void => {
    if (servers.has(port)) return;
    const server = createServer((client) => { void pipe(d, port, client); });
    server.on('error', (e: NodeJS.ErrnoException) => {
      servers.delete(port);
      warn(`port ${port} is published in the engine but ${bindHost}:${port} could not be opened on this machine (${e.code ?? e.message})`);
    });
    server.listen(port, bindHost);
    servers.set(port, server);
  };
  for (const p of d.networks.publishedPorts()) open(p.hostPort);
  const stop = d.networks.watchPorts((change, p) => {
    if (change === 'publish') open(p.hostPort);
    else {
      servers.get(p.hostPort)?.close();
      servers.delete(p.hostPort);
    }
  });
  return () => {
    stop();
    for (const s of servers.values()) s.close();
    servers.clear();
  };
}
