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

it('--cpus takes a rational as Go reads it; the daemon says what range it accepts', async () => {
  const client = inProcessClient(await createEngine());
  const run = async (cpus: string): Promise<[number, string]> => {
    let out = '';
    const text = (s: string | Uint8Array): string => (typeof s === 'string' ? s : new TextDecoder().decode(s));
    const code = await docker(['run', '--rm', '--cpus', cpus, 'busybox', 'cat', '/sys/fs/cgroup/cpu.max'], client, { isTTY: false, stdout: (s) => { out += text(s); }, stderr: (s) => { out += text(s); } });
    return [code, out.split('\n')[0]!];
  };
  expect(await run('1/2')).toEqual([0, '50000 100000']);
  expect(await run('2.5e-1')).toEqual([0, '25000 100000']);
  expect(await run('-1')).toEqual([125, 'docker: Error response from daemon: Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available']);
  expect(await run('half')).toEqual([125, 'invalid argument "half" for "--cpus" flag: failed to parse half as a rational number']);
});
