// A network namespace as processes see it: the interfaces and routes, and
// the calls that open sockets (connect, listen), resolve names with the
// engine's embedded DNS, and send pings. The network itself — bridges,
// addresses, DNS records, published ports — lives in sandbox/net, which
// implements this.
import type { IoContext, OpenFile } from './fd.ts';

export interface NetInterface {
  name: string;
  /** IPv4 address and prefix length (lo: 127.0.0.1/8). */
  address: string;
  prefixLen: number;
  mac: string;
  mtu: number;
}

export interface NetRoute {
  /** 'default' or a CIDR. */
  destination: string;
  gateway: string | null;
  dev: string;
  src: string | null;
}

/** A listening socket: accept() waits for the next connection. */
export interface ListenerFile extends OpenFile {
  readonly port: number;
  accept(io: IoContext): Promise<OpenFile>;
}

export interface NetNamespace {
  interfaces(): NetInterface[];
  routes(): NetRoute[];
  /** The DNS server /etc/resolv.conf names (127.0.0.11 on user-defined networks). */
  readonly nameserver: string;
  /** TCP connect. Fails with SysError ECONNREFUSED, EHOSTUNREACH, ENETUNREACH or ETIMEDOUT. */
  connect(ip: string, port: number, io: IoContext): Promise<OpenFile>;
  /** TCP listen on `ip` ('0.0.0.0' for all). EADDRINUSE when taken; port 0 picks one. */
  listen(ip: string, port: number): ListenerFile;
  /** The embedded DNS: A records for a name, [] when it does not exist. */
  lookup(name: string): string[];
  /** An ICMP echo: round-trip time in ms, or null when no reply comes; SysError ENETUNREACH when it cannot be sent. */
  ping(ip: string): number | null;
}
