// ip addr|a|address [show], ip link, ip route|r|ro [show] — busybox's
// output for the namespace's interfaces and routes.
import type { NetInterface } from '../../kernel/netns.ts';
import type { Process, Program } from '../../kernel/process.ts';
import { out } from './lib.ts';

function broadcast(i: NetInterface): string {
  const [a, b, c, d] = i.address.split('.').map(Number) as [number, number, number, number];
  const n = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
  const host = i.prefixLen === 32 ? 0 : (2 ** (32 - i.prefixLen)) - 1;
  const x = (n | host) >>> 0;
  return [x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255].join('.');
}

function linkLines(i: NetInterface, n: number): string[] {
  if (i.name === 'lo') return [`${n}: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000`, '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00'];
  return [`${n}: ${i.name}@if${n + 100}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu ${i.mtu} qdisc noqueue state UP `, `    link/ether ${i.mac} brd ff:ff:ff:ff:ff:ff`];
}

function addrLines(i: NetInterface): string[] {
  const scope = i.name === 'lo' ? 'host' : 'global';
  const brd = i.name === 'lo' ? '' : ` brd ${broadcast(i)}`;
  return [`    inet ${i.address}/${i.prefixLen}${brd} scope ${scope} ${i.name}`, '       valid_lft forever preferred_lft forever'];
}

export const ip: Program = async (p: Process) => {
  const args = p.argv.slice(1).filter((a) => a !== '-4');
  const obj = args[0] ?? '';
  let ifs: NetInterface[] = [];
  try { ifs = p.net.interfaces(); } catch { /* no namespace */ }
  if (obj === '' || obj === 'help') {
    await p.write(2, 'BusyBox v1.37.0 multi-call binary.\n\nUsage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n\nOPTIONS := -f[amily] inet|inet6|link | -o[neline]\n');
    return 1;
  }
  const sub = args[1] ?? 'show';
  if ('address'.startsWith(obj) || 'link'.startsWith(obj)) {
    if (!['show', 'list', 'lst', 'sh', 'ls', 'l'].includes(sub)) { await p.write(2, `ip: RTNETLINK answers: Operation not permitted\n`); return 2; }
    const isLink = obj !== 'a' && 'link'.startsWith(obj);
    const lines: string[] = [];
    ifs.forEach((i, k) => { lines.push(...linkLines(i, k + 1)); if (!isLink) lines.push(...addrLines(i)); });
    await out(p, lines.map((l) => l + '\n').join(''));
    return 0;
  }
  if ('route'.startsWith(obj)) {
    if (!['show', 'list', 'ls', 'l'].includes(sub)) { await p.write(2, `ip: RTNETLINK answers: Operation not permitted\n`); return 2; }
    let routes: ReturnType<Process['net']['routes']> = [];
    try { routes = p.net.routes(); } catch { /* none */ }
    const lines = routes.map((r) => (r.destination === 'default'
      ? `default via ${r.gateway} dev ${r.dev} `
      : `${r.destination} dev ${r.dev} scope link${r.src ? `  src ${r.src}` : ''} `));
    await out(p, lines.map((l) => l + '\n').join(''));
    return 0;
  }
  await p.write(2, `ip: unknown command "${obj}"\n`);
  return 1;
};
