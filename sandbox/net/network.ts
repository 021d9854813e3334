// A Docker network: its driver (bridge, host, null), subnet and gateway,
// and the endpoints of the containers attached to it — each with an
// address, a MAC derived from it, and the names the embedded DNS answers
// for it (container name, short ID, aliases).
import { AddressPool, cidrString, formatIp, macFor, type Subnet } from './address.ts';
import type { NetNs } from './namespace.ts';

export type Driver = 'bridge' | 'host' | 'null';

export interface Endpoint {
  network: Network;
  ns: NetNs;
  /** Container ID (what `docker network inspect` lists it under). */
  containerId: string;
  ip: number;
  mac: string;
  /** Names the embedded DNS resolves to this endpoint (user-defined networks only). */
  names: string[];
  aliases: string[];
  endpointId: string;
}

export class Network {
  readonly endpoints = new Map<string, Endpoint>();
  readonly pool: AddressPool | null;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly driver: Driver,
    readonly subnet: Subnet | null,
    readonly created: number,
    readonly opts: { internal?: boolean; labels?: Map<string, string>; predefined?: boolean; gateway?: number } = {},
  ) {
    this.pool = subnet ? new AddressPool(subnet, opts.gateway) : null;
  }

  /** Name resolution by container name and alias: user-defined bridges only (not the default bridge). */
  get dns(): boolean {
    return this.driver === 'bridge' && this.name !== 'bridge';
  }

  get gateway(): string {
    return this.pool ? formatIp(this.pool.gateway) : '';
  }

  /** The host side of the bridge: docker0 for the default one, br-<id> for the others. */
  get bridgeName(): string {
    return this.name === 'bridge' ? 'docker0' : `br-${this.id.slice(0, 12)}`;
  }

  attach(ns: NetNs, containerId: string, names: string[], aliases: string[], endpointId: string, ip?: number): Endpoint | null {
    const addr = this.pool?.take(ip) ?? null;
    if (this.pool && addr === null) return null;
    const e: Endpoint = { network: this, ns, containerId, ip: addr ?? 0, mac: addr ? macFor(addr) : '', names, aliases, endpointId };
    this.endpoints.set(containerId, e);
    return e;
  }

  detach(containerId: string): void {
    const e = this.endpoints.get(containerId);
    if (!e) return;
    this.endpoints.delete(containerId);
    if (e.ip) this.pool?.release(e.ip);
  }

  /** What `docker network inspect` shows under IPAM.Config. */
  ipamConfig(): Array<{ Subnet: string; Gateway: string }> {
    return this.subnet ? [{ Subnet: cidrString(this.subnet), Gateway: this.gateway }] : [];
  }
}
