// nslookup HOST [SERVER]: asks the container's DNS server (127.0.0.11, the
// engine's embedded DNS, on user-defined networks) for A and AAAA records,
// printed as busybox does.
import type { Program } from '../../kernel/process.ts';
import { out } from './lib.ts';
import { isIp } from './net-lib.ts';

export const nslookup: Program = async (p) => {
  const args = p.argv.slice(1).filter((a) => !a.startsWith('-'));
  const host = args[0];
  if (!host) { await p.write(2, 'BusyBox v1.37.0 multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n'); return 1; }
  let server = args[1];
  if (!server) {
    try {
      const conf = new TextDecoder().decode(p.fs.readFileSync('/etc/resolv.conf'));
      server = /^nameserver\s+(\S+)/m.exec(conf)?.[1];
    } catch { /* none */ }
  }
  server ??= '127.0.0.1';
  let ns;
  try { ns = p.net; } catch { ns = null; }
  // Only the embedded DNS answers: there is no way out to the internet from the sandbox.
  if (!ns || server !== ns.nameserver || server !== '127.0.0.11') {
    await out(p, ';; connection timed out; no servers could be reached\n\n');
    return 1;
  }
  const header = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  if (isIp(host)) {
    await out(p, `${header}** server can't find ${host.split('.').reverse().join('.')}.in-addr.arpa: NXDOMAIN\n\n`);
    return 1;
  }
  const ips = ns.lookup(host);
  if (ips.length === 0) {
    await out(p, `${header}** server can't find ${host}: NXDOMAIN\n\n** server can't find ${host}: NXDOMAIN\n\n`);
    return 1;
  }
  await out(p, `${header}Non-authoritative answer:\n${ips.map((ip) => `Name:\t${host}\nAddress: ${ip}\n`).join('')}\nNon-authoritative answer:\n*** Can't find ${host}: No answer\n\n`);
  return 0;
};
