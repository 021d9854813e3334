// The engine's networks (`docker network`): the predefined bridge, host and
// none, user-defined bridges, which namespace sits on which, routing between
// them (only namespaces sharing a network reach each other; the gateway
// leads to the host), the embedded DNS of user-defined networks, and
// published ports (-p) that the host side dials.
import { SysError } from '../kernel/errno.ts';
import type { NetInterface } from '../kernel/netns.ts';
import { contains, formatIp, overlaps, parseCidr, parseIp, type Subnet } from './address.ts';
import { HOST_NETWORK, NetNs, type Fabric } from './namespace.ts';
import { Network, type Driver, type Endpoint } from './network.ts';
import type { StreamSocket } from './socket.ts';

export class NetworkError extends Error {
  override name = 'NetworkError';
  constructor(message: string, readonly status: number) { super(message); }
}

export interface PublishedPort {
  hostIp: string;
  hostPort: number;
  ns: NetNs;
  containerPort: number;
  containerId: string;
}

const FIRST_EPHEMERAL_HOST_PORT = 32768;

export class NetworkFabric implements Fabric {
  private readonly byId = new Map<string, Network>();
  readonly host: NetNs;
  private readonly published = new Map<number, PublishedPort>();
  private nextHostPort = FIRST_EPHEMERAL_HOST_PORT;

  constructor(private readonly newId: () => string, private readonly now: () => number) {
    this.host = new NetNs(this, 'host', { ip: HOST_NETWORK.ip, prefixLen: HOST_NETWORK.prefixLen });
    this.add(new Network(newId(), 'bridge', 'bridge', parseCidr('172.17.0.0/16'), now(), { predefined: true }));
    this.add(new Network(newId(), 'host', 'host', null, now(), { predefined: true }));
    this.add(new Network(newId(), 'none', 'null', null, now(), { predefined: true }));
  }

  private add(n: Network): Network {
    this.byId.set(n.id, n);
    return n;
  }

  list(): Network[] {
    return [...this.byId.values()];
  }

  /** By full name, full ID or unique ID prefix (as the docker CLI finds networks). */
  find(ref: string): Network | null {
    const list = this.list();
    return list.find((n) => n.name === ref) ?? list.find((n) => n.id === ref)
      ?? (() => { const m = list.filter((n) => ref.length > 0 && n.id.startsWith(ref)); return m.length === 1 ? m[0]! : null; })();
  }

  mustFind(ref: string): Network {
    const n = this.find(ref);
    if (!n) throw new NetworkError(`network ${ref} not found`, 404);
    return n;
  }

  /** `docker network create`. */
  create(name: string, o: { driver?: string; subnet?: string; gateway?: string; internal?: boolean; labels?: Map<string, string> } = {}): Network {
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) throw new NetworkError(`invalid network name "${name}": must match [a-zA-Z0-9][a-zA-Z0-9_.-]*`, 400);
    if (this.list().some((n) => n.name === name)) throw new NetworkError(`network with name ${name} already exists`, 409);
    const driver = o.driver ?? 'bridge';
    if (driver === 'host' || driver === 'null') throw new NetworkError(`only one instance of "${driver}" network is allowed`, 403);
    if (driver !== 'bridge') throw new NetworkError(`plugin "${driver}" not found`, 404);
    let subnet: Subnet | null;
    if (o.subnet) {
      subnet = parseCidr(o.subnet);
      if (!subnet) throw new NetworkError(`invalid CIDR address: ${o.subnet}`, 400);
      if (this.list().some((n) => n.subnet && overlaps(n.subnet, subnet!))) throw new NetworkError('Pool overlaps with other one on this address space', 403);
    } else {
      subnet = this.freeSubnet();
      if (!subnet) throw new NetworkError('all predefined address pools have been fully subnetted', 400);
    }
    let gateway: number | undefined;
    if (o.gateway) {
      const g = parseIp(o.gateway);
      if (g === null || !contains(subnet, g)) throw new NetworkError(`no matching subnet for gateway ${o.gateway}`, 400);
      gateway = g;
    } else if (o.gateway === '') {
      throw new NetworkError('invalid gateway address', 400);
    }
    return this.add(new Network(this.newId(), name, 'bridge', subnet, this.now(), { internal: o.internal, labels: o.labels, gateway }));
  }

  /** A user-defined network read back from a snapshot: the same ID, name, subnet and options. */
  restore(s: { id: string; name: string; subnet: string; gateway: string | null; internal: boolean; labels: Array<[string, string]>; created: number }): Network {
    const subnet = parseCidr(s.subnet);
    if (!subnet) throw new NetworkError(`invalid CIDR address: ${s.subnet}`, 400);
    const gateway = s.gateway === null ? undefined : parseIp(s.gateway) ?? undefined;
    return this.add(new Network(s.id, s.name, 'bridge', subnet, s.created, { internal: s.internal, labels: new Map(s.labels), gateway }));
  }

  /** Docker's default pools: 172.18–31.0.0/16, then 192.168.x.0/20. */
  private freeSubnet(): Subnet | null {
    const candidates: string[] = [];
    for (let b = 17; b <= 31; b++) candidates.push(`172.${b}.0.0/16`);
    for (let c = 0; c < 256; c += 16) candidates.push(`192.168.${c}.0/20`);
    for (const cidr of candidates) {
      const s = parseCidr(cidr)!;
      if (!this.list().some((n) => n.subnet && overlaps(n.subnet, s))) return s;
    }
    return null;
  }

  /** `docker network rm`. */
  remove(n: Network): void {
    if (n.opts.predefined) throw new NetworkError(`${n.name} is a pre-defined network and cannot be removed`, 403);
    if (n.endpoints.size > 0) throw new NetworkError(`error while removing network: network ${n.name} id ${n.id} has active endpoints`, 403);
    this.byId.delete(n.id);
  }

  /** `docker network prune`: removes user-defined networks nothing is attached to. */
  prune(): string[] {
    const gone: string[] = [];
    for (const n of this.list()) if (!n.opts.predefined && n.endpoints.size === 0) { this.byId.delete(n.id); gone.push(n.name); }
    return gone;
  }

  /** A new namespace for a container on `network` (host: the engine's own; none: lo only). */
  namespaceFor(network: Network): NetNs {
    if (network.driver === 'host') return this.host;
    return new NetNs(this, network.driver === 'null' ? 'none' : 'container');
  }

  /** Attaches a container's namespace to a bridge network. */
  connect(ns: NetNs, n: Network, containerId: string, o: { names: string[]; aliases?: string[]; ip?: string }): Endpoint {
    if (ns.kind !== 'container' || n.driver !== 'bridge') {
      throw new NetworkError('container sharing network namespace with another container or host cannot be connected to any other network', 403);
    }
    if (n.endpoints.has(containerId)) throw new NetworkError(`endpoint with name ${o.names[0]} already exists in network ${n.name}`, 403);
    let want: number | undefined;
    if (o.ip) {
      if (n.name === 'bridge') throw new NetworkError('user specified IP address is supported on user defined networks only', 400);
      const ip = parseIp(o.ip);
      if (ip === null || !n.subnet || !contains(n.subnet, ip)) throw new NetworkError(`no configured subnet or ip-range contain the IP address ${o.ip}`, 400);
      want = ip;
    }
    const e = n.attach(ns, containerId, o.names, o.aliases ?? [], this.newId(), want);
    if (!e) throw new NetworkError(want ? `Address already in use` : `no available IPv4 addresses on this network's address pools: ${n.name} (${n.id})`, 403);
    ns.endpoints.push(e);
    return e;
  }

  disconnect(ns: NetNs, n: Network, containerId: string): void {
    if (!n.endpoints.has(containerId)) throw new NetworkError(`container ${containerId} is not connected to network ${n.name}`, 403);
    n.detach(containerId);
    const i = ns.endpoints.findIndex((e) => e.network === n);
    if (i >= 0) ns.endpoints.splice(i, 1);
  }

  /** Removes everything a container held: endpoints and published ports. */
  release(ns: NetNs, containerId: string): void {
    for (const e of [...ns.endpoints]) this.disconnect(ns, e.network, containerId);
    this.unpublish(containerId);
  }

  // ---- routing and DNS ---------------------------------------------------------

  route(from: NetNs, ip: number): NetNs | SysError {
    if (from.kind === 'none') return new SysError('ENETUNREACH');
    if (from.kind === 'host') {
      // The host reaches every bridge's containers.
      for (const n of this.list()) for (const e of n.endpoints.values()) if (e.ip === ip) return e.ns;
      return new SysError('ENETUNREACH');
    }
    for (const mine of from.endpoints) {
      const n = mine.network;
      if (!n.subnet || !contains(n.subnet, ip)) continue;
      if (n.pool && ip === n.pool.gateway) return this.host;
      for (const e of n.endpoints.values()) if (e.ip === ip) return e.ns;
      return new SysError('EHOSTUNREACH');
    }
    const out = from.endpoints.find((e) => e.network.subnet && !e.network.opts.internal);
    if (!out) return new SysError('ENETUNREACH');
    // Through the gateway to the host: the host's own addresses answer; other bridges are
    // isolated from this one (Docker drops that traffic), and the internet is out of reach.
    if (this.host.ownsAddress(ip)) return this.host;
    for (const n of this.list()) if (n.subnet && contains(n.subnet, ip)) return new SysError('ETIMEDOUT');
    return new SysError('ENETUNREACH');
  }

  lookup(from: NetNs, rawName: string): string[] {
    const name = rawName.replace(/\.$/, '').toLowerCase();
    const out: string[] = [];
    for (const mine of from.endpoints) {
      if (!mine.network.dns) continue;
      for (const e of mine.network.endpoints.values()) {
        if ([...e.names, ...e.aliases].some((x) => x.toLowerCase() === name)) out.push(formatIp(e.ip));
      }
      if (out.length) break;
    }
    return out;
  }

  hostInterfaces(): NetInterface[] {
    const out: NetInterface[] = [];
    for (const n of this.list()) {
      if (n.driver !== 'bridge' || !n.subnet) continue;
      out.push({ name: n.bridgeName, address: n.gateway, prefixLen: n.subnet.prefixLen, mac: '02:42:00:00:00:01', mtu: 1500 });
    }
    return out;
  }

  // ---- published ports --------------------------------------------------------

  /** -p hostPort:containerPort (hostPort 0: an ephemeral one, as -P does). */
  publish(ns: NetNs, containerId: string, containerPort: number, hostPort: number, hostIp = '0.0.0.0'): PublishedPort {
    if (hostPort === 0) {
      for (let i = 0; i < 28000 && this.published.has(this.nextHostPort); i++) this.nextHostPort++;
      hostPort = this.nextHostPort++;
    }
    if (this.published.has(hostPort) || this.host.isListening(hostPort)) {
      throw new NetworkError(`driver failed programming external connectivity on endpoint: Bind for ${hostIp}:${hostPort} failed: port is already allocated`, 500);
    }
    const p: PublishedPort = { hostIp, hostPort, ns, containerPort, containerId };
    this.published.set(hostPort, p);
    for (const fn of this.portWatchers) fn('publish', p);
    return p;
  }

  unpublish(containerId: string): void {
    for (const [port, p] of this.published) {
      if (p.containerId !== containerId) continue;
      this.published.delete(port);
      for (const fn of this.portWatchers) fn('unpublish', p);
    }
  }

  private readonly portWatchers = new Set<(change: 'publish' | 'unpublish', p: PublishedPort) => void>();

  /** Tells `fn` of every port published or unpublished from now on (a host that opens real ports). */
  watchPorts(fn: (change: 'publish' | 'unpublish', p: PublishedPort) => void): () => void {
    this.portWatchers.add(fn);
    return () => this.portWatchers.delete(fn);
  }

  forward(port: number): { ns: NetNs; port: number } | null {
    const p = this.published.get(port);
    return p ? { ns: p.ns, port: p.containerPort } : null;
  }

  publishedPorts(): PublishedPort[] {
    return [...this.published.values()];
  }

  /** The host side (the page's preview, a real TCP client in Node) connects to localhost:port. */
  async dial(port: number): Promise<StreamSocket> {
    const io = { wait: <T>(p: Promise<T>) => p, charge: () => {}, cgroup: null };
    return (await this.host.connect('127.0.0.1', port, io)) as StreamSocket;
  }
}

export { HOST_NETWORK, NetNs, Network, type Driver, type Endpoint };
