// docker run's CPU flags reach the container's cgroup: --cpu-quota and
// --cpu-period as cpu.max, -c/--cpu-shares as cpu.weight (runc's mapping).
import { expect, it } from 'vitest';
import { createEngine, docker, inProcessClient } from './index.ts';

it('--cpu-quota/--cpu-period → cpu.max, --cpu-shares → cpu.weight', async () => {
  const client = inProcessClient(await createEngine());
  let out = '';
  const text = (s: string | Uint8Array): string => (typeof s === 'string' ? s : new TextDecoder().decode(s));
  const code = await docker(['run', '--rm', '--cpu-quota', '25000', '--cpu-period', '50000', '-c', '512', 'busybox', 'sh', '-c', 'cat /sys/fs/cgroup/cpu.max /sys/fs/cgroup/cpu.weight'], client, { isTTY: false, stdout: (s) => { out += text(s); }, stderr: (s) => { out += text(s); } });
  expect([code, out]).toEqual([0, '25000 50000\n20\n']);
});
