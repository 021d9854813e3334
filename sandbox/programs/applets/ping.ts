// ping [-c COUNT] [-W SEC] [-w SEC] [-i SEC] [-q] HOST — ICMP echo over the
// virtual network, busybox's output; replies only from hosts the container
// can reach.
import { SysError } from '../../kernel/errno.ts';
import type { Program } from '../../kernel/process.ts';
import { Interrupted } from '../../kernel/task.ts';
import { SIGINT } from '../../kernel/signals.ts';
import { err, out, parseArgs } from './lib.ts';
import { resolveHost } from './net-lib.ts';

export const ping: Program = async (p) => {
  const a = await parseArgs(p, 'c:W:w:i:qs:');
  if (!a) return 1;
  const host = a.operands[0];
  if (!host) { await p.write(2, 'BusyBox v1.37.0 multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n'); return 1; }
  const count = a.values.has('c') ? Number(a.values.get('c')) : Infinity;
  const interval = Math.max(0.2, Number(a.values.get('i') ?? 1)) * 1000;
  const deadline = a.values.has('w') ? Number(a.values.get('w')) * 1000 : Infinity;
  const size = Number(a.values.get('s') ?? 56);
  const quiet = a.flags.has('q');
  const ipAddr = resolveHost(p, host);
  if (!ipAddr) { await err(p, `bad address '${host}'`); return 1; }
  await out(p, `PING ${host} (${ipAddr}): ${size} data bytes\n`);
  let sent = 0;
  let received = 0;
  const times: number[] = [];
  const start = p.now();
  p.setDisposition(SIGINT, 'catch');
  try {
    while (sent < count && p.now() - start < deadline) {
      let rtt: number | null;
      try { rtt = p.net.ping(ipAddr); } catch (e) {
        if (e instanceof SysError) { await err(p, `sendto: ${e.description}`); return 1; }
        throw e;
      }
      const seq = sent++;
      if (rtt !== null) {
        received++;
        times.push(rtt);
        if (!quiet) await out(p, `${size + 8} bytes from ${ipAddr}: seq=${seq} ttl=64 time=${rtt.toFixed(3)} ms\n`);
      }
      if (sent < count) await p.sleep(interval);
    }
  } catch (e) {
    if (!(e instanceof Interrupted)) throw e;
  }
  const loss = sent === 0 ? 0 : Math.round(((sent - received) / sent) * 100);
  let summary = `\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${received} packets received, ${loss}% packet loss\n`;
  if (times.length) {
    const min = Math.min(...times);
    const max = Math.max(...times);
    const avg = times.reduce((x, y) => x + y, 0) / times.length;
    summary += `round-trip min/avg/max = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)} ms\n`;
  }
  await out(p, summary);
  return received > 0 ? 0 : 1;
};
