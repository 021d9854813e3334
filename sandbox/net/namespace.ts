// A container's network namespace: lo plus one interface per network it is
// attached to (eth0, eth1…), its routes, and its listening sockets. Connects
// to loopback or its own addresses stay inside; the rest go through the
// fabric, which knows who shares a network with whom.
import { SysError } from '../kernel/errno.ts';
import type { IoContext, OpenFile } from '../kernel/fd.ts';
import type { ListenerFile, NetInterface, NetNamespace, NetRoute } from '../kernel/netns.ts';
import { cidrString, contains, formatIp, parseIp } from './address.ts';
import type { Endpoint } from './network.ts';
import { ListenSocket, socketPair } from './socket.ts';

/** What a namespace needs from the fabric around it. */
export interface Fabric {
  route(from: NetNs, ip: number): NetNs | SysError;
  lookup(from: NetNs, name: string): string[];
  /** Published ports: the host namespace forwards them to containers. */
  forward(port: number): { ns: NetNs; port: number } | null;
  /** Extra interfaces of the host namespace (docker0, br-…). */
  hostInterfaces(): NetInterface[];
}

/** The engine's machine as containers see it (Docker Desktop's VM addresses): its eth0, gateway and DNS server. */
export const HOST_NETWORK = { ip: '192.168.65.3', prefixLen: 24, gateway: '192.168.65.1', nameserver: '192.168.65.7' } as const;

const EPHEMERAL_FIRST = 32768;
/** TCP segment payload on a 1500-byte MTU: writes are counted as this many bytes per packet. */
const MSS = 1448;
const EPHEMERAL_LAST = 60999;

export class NetNs implements NetNamespace {
  readonly endpoints: Endpoint[] = [];
  private readonly listeners = new Map<number, ListenSocket[]>();
  /** What went in and out over its interfaces (not lo), as `docker stats` shows under NET I/O. */
  readonly counters = { rx_bytes: 0, rx_packets: 0, tx_bytes: 0, tx_packets: 0 };
  private nextEphemeral = EPHEMERAL_FIRST;

  constructor(
    readonly fabric: Fabric,
    /** 'container' namespaces get eth0…; 'host' is the engine's; 'none' has lo only. */
    readonly kind: 'container' | 'host' | 'none',
    readonly hostAddress: { ip: string; prefixLen: number } | null = null,
  ) {}

  get nameserver(): string {
    return this.endpoints.some((e) => e.network.dns) ? '127.0.0.11' : HOST_NETWORK.nameserver;
  }

  interfaces(): NetInterface[] {
    const out: NetInterface[] = [{ name: 'lo', address: '127.0.0.1', prefixLen: 8, mac: '00:00:00:00:00:00', mtu: 65536 }];
    if (this.kind === 'host') {
      if (this.hostAddress) out.push({ name: 'eth0', address: this.hostAddress.ip, prefixLen: this.hostAddress.prefixLen, mac: '02:50:00:00:00:01', mtu: 1500 });
      out.push(...this.fabric.hostInterfaces());
      return out;
    }
    this.endpoints.forEach((e, i) => {
      if (e.network.subnet) out.push({ name: `eth${i}`, address: formatIp(e.ip), prefixLen: e.network.subnet.prefixLen, mac: e.mac, mtu: 1500 });
    });
    return out;
  }

  routes(): NetRoute[] {
    const out: NetRoute[] = [];
    const ifs = this.interfaces().filter((i) => i.name !== 'lo');
    const first = this.endpoints.find((e) => e.network.subnet && !e.network.opts.internal);
    if (this.kind === 'container' && first) out.push({ destination: 'default', gateway: first.network.gateway, dev: 'eth' + this.endpoints.indexOf(first), src: null });
    if (this.kind === 'host' && ifs[0]) out.push({ destination: 'default', gateway: HOST_NETWORK.gateway, dev: ifs[0].name, src: null });
    this.endpoints.forEach((e, i) => {
      if (e.network.subnet) out.push({ destination: cidrString(e.network.subnet), gateway: null, dev: `eth${i}`, src: formatIp(e.ip) });
    });
    return out;
  }

  /** Addresses this namespace answers on (besides loopback). */
  ownsAddress(ip: number): boolean {
    if (this.kind === 'host') return this.interfaces().some((i) => parseIp(i.address) === ip);
    return this.endpoints.some((e) => e.ip === ip);
  }

  listen(ip: string, port: number): ListenerFile {
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SysError('EINVAL');
    if (ip !== '0.0.0.0' && !ip.startsWith('127.') && !this.ownsAddress(parseIp(ip) ?? -1)) throw new SysError('EADDRNOTAVAIL');
    if (port === 0) port = this.ephemeralPort();
    const existing = this.listeners.get(port) ?? [];
    if (existing.some((l) => l.ip === '0.0.0.0' || ip === '0.0.0.0' || l.ip === ip)) throw new SysError('EADDRINUSE');
    if (this.kind === 'host' && this.fabric.forward(port)) throw new SysError('EADDRINUSE');
    const l: ListenSocket = new ListenSocket(ip, port, () => {
      const list = (this.listeners.get(port) ?? []).filter((x) => x !== l);
      if (list.length) this.listeners.set(port, list); else this.listeners.delete(port);
    });
    existing.push(l);
    this.listeners.set(port, existing);
    return l;
  }

  private ephemeralPort(): number {
    for (let i = 0; i <= EPHEMERAL_LAST - EPHEMERAL_FIRST; i++) {
      const p = this.nextEphemeral;
      this.nextEphemeral = p >= EPHEMERAL_LAST ? EPHEMERAL_FIRST : p + 1;
      if (!this.listeners.has(p)) return p;
    }
    throw new SysError('EADDRINUSE');
  }

  /** The listener a connection to ip:port reaches in this namespace. */
  listenerFor(ip: string, port: number): ListenSocket | null {
    for (const l of this.listeners.get(port) ?? []) {
      if (l.ip === '0.0.0.0' || l.ip === ip || (ip.startsWith('127.') && l.ip.startsWith('127.'))) return l;
    }
    return null;
  }

  /** Whether anything listens on a port (for `docker port` style checks and tests). */
  isListening(port: number): boolean {
    return this.listeners.has(port);
  }

  /** The source address a connection to `ip` leaves from. */
  private sourceFor(ip: number): string {
    const on = this.endpoints.find((e) => e.network.subnet && contains(e.network.subnet, ip)) ?? this.endpoints.find((e) => e.ip);
    return on ? formatIp(on.ip) : this.hostAddress?.ip ?? '127.0.0.1';
  }

  async connect(ipText: string, port: number, _io: IoContext): Promise<OpenFile> {
    const ip = parseIp(ipText);
    if (ip === null || port < 1 || port > 65535) throw new SysError('EINVAL');
    let target: NetNs = this;
    let targetPort = port;
    let dstIp = ipText;
    let forwarded = false;
    const loopback = ipText.startsWith('127.');
    if (!loopback && !this.ownsAddress(ip)) {
      const r = this.fabric.route(this, ip);
      if (r instanceof SysError) throw r;
      target = r;
    }
    if (target.kind === 'host' && !target.listenerFor(ipText, port)) {
      const fwd = this.fabric.forward(port);
      if (fwd) { target = fwd.ns; targetPort = fwd.port; dstIp = target.primaryAddress(); forwarded = true; }
    }
    const l = target.listenerFor(dstIp, targetPort);
    if (!l) throw new SysError('ECONNREFUSED');
    // Through a published port the container sees the proxy's address: its bridge's gateway (as with docker-proxy).
    const src = forwarded ? target.endpoints.find((e) => e.network.gateway)?.network.gateway ?? '127.0.0.1' : loopback ? '127.0.0.1' : this.sourceFor(ip);
    const local = target === this;
    const segments = (n: number): number => Math.max(1, Math.ceil(n / MSS));
    const [client, server] = socketPair(`${src}:${this.ephemeralPort()}`, `${ipText}:${port}`, local ? undefined : {
      client: (n) => { this.counters.tx_bytes += n; this.counters.tx_packets += segments(n); target.counters.rx_bytes += n; target.counters.rx_packets += segments(n); },
      server: (n) => { target.counters.tx_bytes += n; target.counters.tx_packets += segments(n); this.counters.rx_bytes += n; this.counters.rx_packets += segments(n); },
    });
    if (!l.enqueue(server)) throw new SysError('ECONNREFUSED');
    return client;
  }

  /** The address others reach this namespace at (its first endpoint). */
  primaryAddress(): string {
    const e = this.endpoints.find((x) => x.ip);
    return e ? formatIp(e.ip) : this.hostAddress?.ip ?? '127.0.0.1';
  }

  lookup(name: string): string[] {
    return this.fabric.lookup(this, name);
  }

  /**
   * The virtual bridge has no wire: a reply's round trip is the modelled
   * latency of a local veth pair (0.05 ms within the namespace, 0.09 ms
   * across the bridge), so outputs are stable for lessons.
   */
  ping(ipText: string): number | null {
    const ip = parseIp(ipText);
    if (ip === null) return null;
    if (ipText.startsWith('127.') || this.ownsAddress(ip)) return 0.05;
    const r = this.fabric.route(this, ip);
    // No route at all fails the send; a host that is not there (or filtered) just never answers.
    if (r instanceof SysError) { if (r.errno === 'ENETUNREACH') throw r; return null; }
    return 0.09;
  }
}
