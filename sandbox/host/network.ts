// The host machine's network as its programs see it: loopback, and — as
// Docker Desktop forwards them to the computer's localhost — the engine's
// published ports on 127.0.0.1, so `curl localhost:8080` at the student's
// shell reaches a container started with `-p 8080:80`. Nothing else is
// routed: the playground is offline, and container addresses are not
// reachable from the host (as on Docker Desktop).
import type { IoContext, OpenFile } from '../kernel/fd.ts';
import { SysError } from '../kernel/errno.ts';
import type { ListenerFile, NetInterface, NetNamespace, NetRoute } from '../kernel/netns.ts';

/** Connects to a port the engine publishes on the host side; rejects when nothing is published there. */
export type PublishedPortDialer = (port: number) => Promise<OpenFile>;

const LOOPBACK = /^127\.\d+\.\d+\.\d+$/;

export class HostNetwork implements NetNamespace {
  readonly nameserver = '127.0.0.53';

  constructor(private readonly dial: PublishedPortDialer | null) {}

  interfaces(): NetInterface[] {
    return [{ name: 'lo', address: '127.0.0.1', prefixLen: 8, mac: '00:00:00:00:00:00', mtu: 65536 }];
  }

  routes(): NetRoute[] {
    return [];
  }

  async connect(ip: string, port: number, io: IoContext): Promise<OpenFile> {
    if (!LOOPBACK.test(ip)) throw new SysError('ENETUNREACH');
    if (!this.dial) throw new SysError('ECONNREFUSED');
    try {
      return await io.wait(this.dial(port));
    } catch (e) {
      if (e instanceof SysError) throw e;
      throw new SysError('ECONNREFUSED');
    }
  }

  listen(): ListenerFile {
    // Servers belong in containers here: the host's ports are the engine's published ones.
    throw new SysError('EACCES', 'listening on the host machine is not available in the playground (run the server in a container and publish its port)');
  }

  lookup(name: string): string[] {
    return name === 'localhost' || name === 'host.docker.internal' ? ['127.0.0.1'] : [];
  }

  ping(ip: string): number | null {
    if (LOOPBACK.test(ip)) return 0.05;
    throw new SysError('ENETUNREACH');
  }
}
