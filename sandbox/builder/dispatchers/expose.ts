// EXPOSE <port>[/<protocol>] [<port>[/<protocol>]...]   (ranges like 8000-8010 too)
import { BuildError } from '../backend.ts';
import { commitMetadata, type DispatchContext } from '../context.ts';
import type { ExposeInstruction } from '../instructions.ts';
import { expandWord } from '../substitute.ts';

const MAX_RANGE = 65535;

/** `80/tcp`-style keys for one EXPOSE word; throws Docker's error for a bad one. */
export function parsePortSpec(spec: string): string[] {
  const [ports = '', proto = 'tcp', extra] = spec.split('/');
  if (extra !== undefined) throw new BuildError(`invalid containerPort: ${spec}`);
  const protocol = proto.toLowerCase();
  if (!['tcp', 'udp', 'sctp'].includes(protocol)) throw new BuildError(`invalid proto: ${proto}`);
  const m = /^(\d+)(?:-(\d+))?$/.exec(ports);
  if (!m) throw new BuildError(`invalid containerPort: ${ports}`);
  const start = Number(m[1]);
  const end = m[2] !== undefined ? Number(m[2]) : start;
  if (start < 1 || start > MAX_RANGE || end > MAX_RANGE) throw new BuildError(`invalid containerPort: ${ports}`);
  if (end < start) throw new BuildError(`invalid range specified for containerPort: ${ports}`);
  const out: string[] = [];
  for (let p = start; p <= end; p++) out.push(`${p}/${protocol}`);
  return out;
}

export async function dispatchExpose(d: DispatchContext, ins: ExposeInstruction): Promise<void> {
  const vars = d.state.vars();
  const words = ins.ports.map((p) => expandWord(p, vars, d.escape)).filter((w) => w !== '');
  const exposed = { ...(d.state.config.ExposedPorts ?? {}) };
  for (const w of words) for (const key of parsePortSpec(w)) exposed[key] = {};
  d.state.config.ExposedPorts = exposed;
  await commitMetadata(d, `EXPOSE ${words.join(' ')}`);
}
