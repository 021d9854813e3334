// The Processes panel's reading of GET /containers/{id}/top. Docker's top
// runs `ps` on the host, so its PIDs are the host's; the Engine API names
// one in-container PID besides: the container's PID 1 is the host process
// in State.Pid (GET /containers/{id}/json). Rows come back as a tree (each
// under its parent) so the container's process tree reads as `ps` would
// show it inside.

export interface TopBody { Titles: string[]; Processes: string[][] }

export interface ProcessRow {
  hostPid: number;
  hostPpid: number;
  /** Its PID inside the container's PID namespace, where the API tells it (PID 1), else null. */
  nsPid: number | null;
  user: string;
  time: string;
  cmd: string;
  depth: number;
}

const MAX_DEPTH = 64;

/** The processes of a `top` answer as a tree, depth-first, parents before their children. */
export function processTree(top: TopBody, initHostPid: number): ProcessRow[] {
  const col = (name: string): number => top.Titles.indexOf(name);
  const [pid, ppid, user, time] = [col('PID'), col('PPID'), col('UID') >= 0 ? col('UID') : col('USER'), col('TIME')];
  const cmd = col('CMD') >= 0 ? col('CMD') : col('COMMAND');
  if (pid < 0) return [];
  const rows = top.Processes.map((p) => ({
    hostPid: Number(p[pid]), hostPpid: ppid >= 0 ? Number(p[ppid]) : 0, user: user >= 0 ? p[user] ?? '' : '',
    time: time >= 0 ? p[time] ?? '' : '', cmd: cmd >= 0 ? p[cmd] ?? '' : '',
  }));
  const pids = new Set(rows.map((r) => r.hostPid));
  const children = new Map<number, typeof rows>();
  for (const r of rows) {
    const parent = pids.has(r.hostPpid) && r.hostPpid !== r.hostPid ? r.hostPpid : -1;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const out: ProcessRow[] = [];
  const seen = new Set<number>();
  const visit = (parent: number, depth: number): void => {
    for (const r of children.get(parent) ?? []) {
      if (seen.has(r.hostPid)) continue;
      seen.add(r.hostPid);
      out.push({ ...r, nsPid: r.hostPid === initHostPid ? 1 : null, depth });
      if (depth < MAX_DEPTH) visit(r.hostPid, depth + 1);
    }
  };
  visit(-1, 0);
  // Anything in a cycle (not possible from a real ps) still gets listed.
  for (const r of rows) if (!seen.has(r.hostPid)) out.push({ ...r, nsPid: r.hostPid === initHostPid ? 1 : null, depth: 0 });
  return out;
}

/** A row of `ps -o pid,ppid,args` run inside the container (`self`: that ps itself). */
export interface InsideRow { pid: number; ppid: number; args: string; self: boolean }

/** Pairs the container's own rows with docker top's (same command line, in PID order: both namespaces number in creation order). */
export function pairInside(host: Array<{ hostPid: number; cmd: string }>, inside: InsideRow[]): Map<number, number> {
  const out = new Map<number, number>();
  const free = inside.filter((r) => !r.self);
  for (const h of [...host].sort((a, b) => a.hostPid - b.hostPid)) {
    const i = free.findIndex((r) => r.args === h.cmd);
    if (i >= 0) { out.set(h.hostPid, free[i]!.pid); free.splice(i, 1); }
  }
  return out;
}
