// IPv4 addresses and subnets: parsing, formatting, membership, and the
// allocation Docker's IPAM does (gateway .1, then the next free address).
export function parseIp(s: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

export function formatIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export interface Subnet {
  base: number;
  prefixLen: number;
}

export function parseCidr(s: string): Subnet | null {
  const [ip, len] = s.split('/');
  const base = parseIp(ip ?? '');
  const prefixLen = Number(len);
  if (base === null || !/^\d{1,2}$/.test(len ?? '') || prefixLen > 32) return null;
  return { base: (base & mask(prefixLen)) >>> 0, prefixLen };
}

export function mask(prefixLen: number): number {
  return prefixLen === 0 ? 0 : (0xffffffff << (32 - prefixLen)) >>> 0;
}

export function cidrString(s: Subnet): string {
  return `${formatIp(s.base)}/${s.prefixLen}`;
}

export function contains(s: Subnet, ip: number): boolean {
  return ((ip & mask(s.prefixLen)) >>> 0) === s.base;
}

export function overlaps(a: Subnet, b: Subnet): boolean {
  return contains(a, b.base) || contains(b, a.base);
}

/** Addresses handed out in a subnet: the gateway first, then the lowest free host address. */
export class AddressPool {
  private readonly used = new Set<number>();
  readonly gateway: number;

  constructor(readonly subnet: Subnet, gateway?: number) {
    this.gateway = gateway ?? subnet.base + 1;
    this.used.add(this.gateway);
  }

  /** Takes `want` (if given and free) or the next free address; null when the subnet is full. */
  take(want?: number): number | null {
    if (want !== undefined) {
      if (!contains(this.subnet, want) || this.used.has(want)) return null;
      this.used.add(want);
      return want;
    }
    const size = 2 ** (32 - this.subnet.prefixLen);
    for (let i = 2; i < size - 1; i++) {
      const ip = this.subnet.base + i;
      if (!this.used.has(ip)) { this.used.add(ip); return ip; }
    }
    return null;
  }

  release(ip: number): void {
    if (ip !== this.gateway) this.used.delete(ip);
  }
}

/** The MAC address Docker derives from an IPv4 address: 02:42 followed by the four bytes. */
export function macFor(ip: number): string {
  return ['02', '42', ...[ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].map((b) => b.toString(16).padStart(2, '0'))].join(':');
}
