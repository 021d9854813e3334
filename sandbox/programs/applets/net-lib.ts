// What the network applets share: name resolution as musl does it
// (/etc/hosts, then the namespace's DNS), host:port parsing, and copying
// between descriptors (socket ⇄ stdio).
import { SysError } from '../../kernel/errno.ts';
import type { Process } from '../../kernel/process.ts';

const dec = new TextDecoder();
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function isIp(s: string): boolean {
  const m = IPV4.exec(s);
  return m !== null && m.slice(1).every((x) => Number(x) <= 255);
}

/** /etc/hosts entries for a name. */
function fromHosts(p: Process, name: string): string | null {
  let text = '';
  try { text = dec.decode(p.fs.readFileSync('/etc/hosts')); } catch { return null; }
  for (const line of text.split('\n')) {
    const [addr, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (addr && isIp(addr) && names.some((n) => n.toLowerCase() === name.toLowerCase())) return addr;
  }
  return null;
}

/** An IPv4 address for `host`, or null (busybox then says "bad address"). */
export function resolveHost(p: Process, host: string): string | null {
  if (isIp(host)) return host;
  if (!/^[a-zA-Z0-9_.-]+$/.test(host)) return null;
  const local = fromHosts(p, host);
  if (local) return local;
  try {
    return p.net.lookup(host)[0] ?? null;
  } catch {
    return null;
  }
}

/** Copies from one descriptor to another until end of file; false when the writer failed. */
export async function pump(p: Process, from: number, to: number, onEnd?: () => void): Promise<boolean> {
  try {
    for (;;) {
      const chunk = await p.read(from, 16384);
      if (!chunk) break;
      await p.write(to, chunk);
    }
    return true;
  } catch (e) {
    if (e instanceof SysError) return false;
    throw e;
  } finally {
    onEnd?.();
  }
}

/** The text of a failed network call (Connection refused, No route to host…). */
export function netReason(e: unknown): string {
  return e instanceof SysError ? e.description : String(e);
}
