// The TCP calls behind the guest's `net` (and so `http`): listening
// servers that accept in the background, connections that read in the
// background and report data, end and errors as events, writes queued with
// back-pressure, and name lookups as musl does them (/etc/hosts, then the
// network's DNS). Servers and sockets keep the process alive unless unref'd.
import { SysError } from '../../kernel/errno.ts';
import type { Process } from '../../kernel/process.ts';
import { Killed } from '../../kernel/task.ts';
import { isIp, resolveHost } from '../applets/net-lib.ts';
import { UvError } from './host-fs.ts';
import { OutputQueue } from './output-queue.ts';

type Push = (event: [string, unknown?, unknown?, unknown?]) => void;

interface Sock {
  fd: number | null;
  guestId: number;
  out: OutputQueue | null;
  paused: boolean;
  resume: (() => void) | null;
  reading: boolean;
  ref: boolean;
  closed: boolean;
  endPending: boolean;
}

interface Server { fd: number; guestId: number; ref: boolean; closed: boolean }

/** "ip:port" → its parts. */
function split(addr: string): { address: string; port: number } {
  const at = addr.lastIndexOf(':');
  return { address: addr.slice(0, at), port: Number(addr.slice(at + 1)) };
}

function endpoints(file: unknown): Record<string, unknown> {
  const f = file as { local?: string; remote?: string };
  const local = split(f.local ?? '0.0.0.0:0');
  const remote = split(f.remote ?? '0.0.0.0:0');
  return { localAddress: local.address, localPort: local.port, remoteAddress: remote.address, remotePort: remote.port, remoteFamily: 'IPv4' };
}

export class NetHost {
  private readonly socks = new Map<number, Sock>();
  private readonly servers = new Map<number, Server>();
  private nextId = 1;

  constructor(private readonly p: Process, private readonly push: Push) {}

  /** Whether a server or socket keeps the event loop alive. */
  get alive(): boolean {
    for (const s of this.servers.values()) if (s.ref && !s.closed) return true;
    for (const s of this.socks.values()) if (s.ref && !s.closed) return true;
    return false;
  }

  call(op: string, a: unknown[]): unknown {
    switch (op) {
      case 'listen': return this.listen(Number(a[0]), String(a[1]), Number(a[2]));
      case 'serverClose': return this.closeServer(Number(a[0]));
      case 'serverRef': { const s = this.servers.get(Number(a[0])); if (s) s.ref = a[1] === true; return undefined; }
      case 'connect': return this.connect(Number(a[0]), String(a[1]), Number(a[2]));
      case 'attach': return this.attach(Number(a[0]), Number(a[1]));
      case 'write': return this.write(Number(a[0]), a[1] as Uint8Array);
      case 'end': return this.end(Number(a[0]));
      case 'destroy': return this.destroy(Number(a[0]));
      case 'pause': { const s = this.socks.get(Number(a[0])); if (s) s.paused = true; return undefined; }
      case 'resume': {
        const s = this.socks.get(Number(a[0]));
        if (s) { s.paused = false; s.resume?.(); }
        return undefined;
      }
      case 'ref': { const s = this.socks.get(Number(a[0])); if (s) s.ref = a[1] === true; return undefined; }
      case 'lookup': return this.lookup(String(a[0]));
      default: throw new UvError('ENOSYS', op);
    }
  }

  private lookup(host: string): string {
    const ip = host === 'localhost' ? '127.0.0.1' : resolveHost(this.p, host);
    if (ip === null) throw new UvError('ENOTFOUND', 'getaddrinfo', host);
    return ip;
  }

  private listen(guestId: number, host: string, port: number): Record<string, unknown> {
    const ip = host === '' || host === '::' || host === '0.0.0.0' ? '0.0.0.0' : host === 'localhost' ? '127.0.0.1' : host;
    if (!isIp(ip)) throw new UvError('ENOTFOUND', 'getaddrinfo', host);
    let fd: number;
    try {
      fd = this.p.listen(ip, port);
    } catch (e) {
      if (e instanceof SysError) throw new UvError(e.errno, 'listen', `${host || '::'}:${port}`);
      throw e;
    }
    const file = this.p.fds.get(fd) as unknown as { ip?: string; port?: number };
    const id = this.nextId++;
    const server: Server = { fd, guestId, ref: true, closed: false };
    this.servers.set(id, server);
    void this.acceptLoop(id, server);
    // Node reports a wildcard listener as the IPv6 any-address.
    return { id, address: ip === '0.0.0.0' && (host === '' || host === '::') ? '::' : ip, port: file.port ?? port, family: ip === '0.0.0.0' && (host === '' || host === '::') ? 'IPv6' : 'IPv4' };
  }

  private async acceptLoop(id: number, server: Server): Promise<void> {
    try {
      while (!server.closed) {
        const fd = await this.p.accept(server.fd);
        if (server.closed) { this.p.close(fd); break; }
        const sockId = this.nextId++;
        this.socks.set(sockId, { fd, guestId: 0, out: null, paused: false, resume: null, reading: false, ref: true, closed: false, endPending: false });
        this.push(['io', server.guestId, 'connection', { id: sockId, ...endpoints(this.p.fds.get(fd)) }]);
      }
    } catch (e) {
      if (e instanceof Killed) return;
      if (!server.closed) this.push(['io', server.guestId, 'error', { code: (e as { errno?: string }).errno ?? 'EIO', syscall: 'accept' }]);
    }
    void id;
  }

  private closeServer(id: number): void {
    const s = this.servers.get(id);
    if (!s || s.closed) return;
    s.closed = true;
    try { this.p.close(s.fd); } catch { /* already closed */ }
    this.servers.delete(id);
    this.push(['io', s.guestId, 'close']);
  }

  /** The guest made a Socket object for an accepted connection: start reading into it. */
  private attach(id: number, guestId: number): void {
    const s = this.socks.get(id);
    if (!s || s.fd === null) return;
    s.guestId = guestId;
    s.out = this.queue(id, s);
    void this.readLoop(id, s);
  }

  private queue(id: number, s: Sock): OutputQueue {
    const q = new OutputQueue(this.p, s.fd!, (errno) => this.push(['io', s.guestId, 'error', { code: errno === 'EPIPE' ? 'EPIPE' : errno, syscall: 'write' }]));
    q.onDrain = () => this.push(['io', s.guestId, 'drain']);
    void id;
    return q;
  }

  private connect(guestId: number, host: string, port: number): number {
    const id = this.nextId++;
    const s: Sock = { fd: null, guestId, out: null, paused: false, resume: null, reading: false, ref: true, closed: false, endPending: false };
    this.socks.set(id, s);
    const ip = host === 'localhost' ? '127.0.0.1' : resolveHost(this.p, host);
    if (ip === null) {
      queueMicrotask(() => this.fail(id, s, { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: host }));
      return id;
    }
    void (async () => {
      try {
        const fd = await this.p.connect(ip, port);
        if (s.closed) { this.p.close(fd); return; }
        s.fd = fd;
        s.out = this.queue(id, s);
        this.push(['io', guestId, 'connect', endpoints(this.p.fds.get(fd))]);
        void this.readLoop(id, s);
      } catch (e) {
        if (e instanceof Killed) return;
        this.fail(id, s, { code: (e as { errno?: string }).errno ?? 'ECONNREFUSED', syscall: 'connect', address: ip, port });
      }
    })();
    return id;
  }

  private fail(id: number, s: Sock, error: Record<string, unknown>): void {
    s.closed = true;
    this.socks.delete(id);
    this.push(['io', s.guestId, 'error', error]);
  }

  private async readLoop(id: number, s: Sock): Promise<void> {
    s.reading = true;
    try {
      while (!s.closed && s.fd !== null) {
        if (s.paused) {
          await new Promise<void>((resolve) => { s.resume = resolve; });
          s.resume = null;
          continue;
        }
        const chunk = await this.p.read(s.fd, 65536);
        if (s.closed) break;
        if (chunk === null) {
          this.push(['io', s.guestId, 'end']);
          break;
        }
        this.push(['io', s.guestId, 'data', chunk]);
      }
    } catch (e) {
      if (e instanceof Killed) return;
      if (!s.closed) this.push(['io', s.guestId, 'error', { code: (e as { errno?: string }).errno ?? 'ECONNRESET', syscall: 'read' }]);
    } finally {
      s.reading = false;
    }
    void id;
  }

  private write(id: number, data: Uint8Array): boolean {
    const s = this.socks.get(id);
    if (!s || s.closed || !s.out) throw new UvError('EPIPE', 'write');
    return s.out.write(data);
  }

  /** end(): once the queue is written, the peer reads end of file. */
  private end(id: number): void {
    const s = this.socks.get(id);
    if (!s || s.closed || s.fd === null || !s.out) return;
    const fd = s.fd;
    s.out.whenFlushed(() => {
      try { this.p.shutdownWrite(fd); } catch { /* closed meanwhile */ }
    });
  }

  private destroy(id: number): void {
    const s = this.socks.get(id);
    if (!s) return;
    s.closed = true;
    this.socks.delete(id);
    s.resume?.();
    const fd = s.fd;
    if (fd === null) return;
    // What was already queued still goes out (as the kernel's send buffer would), then the close.
    const close = (): void => { try { this.p.close(fd); } catch { /* already closed */ } };
    if (s.out) s.out.whenFlushed(close);
    else close();
  }

  /** Closes everything at exit. */
  closeAll(): void {
    for (const id of [...this.socks.keys()]) this.destroy(id);
    for (const id of [...this.servers.keys()]) this.closeServer(id);
  }
}
