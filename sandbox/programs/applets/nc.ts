// nc [-l] [-k] [-p PORT] [-w SEC] [-e PROG ARGS] [-v] [-z] [HOST] [PORT]:
// busybox netcat over the virtual network. Connects (or listens, with -l)
// and copies stdin to the socket and the socket to stdout; -e runs a
// program with the connection as its stdin and stdout.
import type { Process, Program } from '../../kernel/process.ts';
import { Killed } from '../../kernel/task.ts';
import { err } from './lib.ts';
import { netReason, pump, resolveHost } from './net-lib.ts';
import { runCommand } from './spawn-hook.ts';

async function serve(p: Process, sock: number, exec: string[] | null): Promise<number> {
  if (exec) {
    // The program talks to the peer on its stdin and stdout.
    p.fds.dup2(sock, 0);
    p.fds.dup2(sock, 1);
    if (sock > 1) p.close(sock);
    const code = await runCommand(p, exec);
    p.close(0);
    p.close(1);
    return code;
  }
  // socket → stdout until the peer closes; stdin → socket meanwhile, and at
  // its end a half-close so the peer sees end of file (as busybox does).
  let open = true;
  // Ends with the process (a kill) at the latest: that is not an error of its own.
  pump(p, 0, sock, () => { if (open) { try { p.shutdownWrite(sock); } catch { /* closed */ } } }).catch((e: unknown) => {
    if (!(e instanceof Killed)) throw e;
  });
  await pump(p, sock, 1);
  open = false;
  p.close(sock);
  return 0;
}

export const nc: Program = async (p) => {
  const argv = p.argv.slice(1);
  let listen = false;
  let keep = false;
  let port: string | undefined;
  let verbose = false;
  let scan = false;
  let exec: string[] | null = null;
  const operands: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-e') { exec = argv.slice(i + 1); break; }
    if (/^-[lkvzn]+$/.test(a)) {
      for (const c of a.slice(1)) { if (c === 'l') listen = true; if (c === 'k') keep = true; if (c === 'v') verbose = true; if (c === 'z') scan = true; }
      continue;
    }
    if (a === '-p' || a === '-w' || a === '-i' || a === '-s') { if (a === '-p') port = argv[i + 1]; i++; continue; }
    if (/^-p\d+$/.test(a)) { port = a.slice(2); continue; }
    if (a.startsWith('-') && a !== '-') { await err(p, `unrecognized option '${a}'`); return 1; }
    operands.push(a);
  }
  if (listen) {
    const lport = Number(port ?? operands[0] ?? 0);
    let lfd: number;
    try {
      lfd = p.listen('0.0.0.0', lport);
    } catch (e) {
      await err(p, `bind: ${netReason(e)}`);
      return 1;
    }
    if (verbose) await p.write(2, `listening on [::]:${lport} ...\n`);
    let status = 0;
    do {
      const sock = await p.accept(lfd);
      status = await serve(p, sock, exec);
    } while (keep);
    return status;
  }
  const [host, portText] = operands;
  if (!host || !portText) {
    await p.write(2, 'BusyBox v1.37.0 multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n');
    return 1;
  }
  const addr = resolveHost(p, host);
  if (!addr) { await err(p, `bad address '${host}'`); return 1; }
  const nport = Number(portText);
  if (!Number.isInteger(nport) || nport < 1 || nport > 65535) { await err(p, `bad port '${portText}'`); return 1; }
  let sock: number;
  try {
    sock = await p.connect(addr, nport);
  } catch (e) {
    if (scan) return 1;
    await err(p, `can't connect to remote host (${addr}): ${netReason(e)}`);
    return 1;
  }
  if (scan) { if (verbose) await p.write(2, `${host} (${addr}:${nport}) open\n`); p.close(sock); return 0; }
  return serve(p, sock, exec);
};
