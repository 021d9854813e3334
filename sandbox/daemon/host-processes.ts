// The engine machine's own processes, as a Linux host running Docker has
// them: init as PID 1, then dockerd and containerd. They only wait; they
// exist so that containers' processes get host PIDs other than their
// in-container ones (docker top and the processes panel show the same
// process under two PIDs, as on a real host).
import { MemoryFs } from '../fs/memory.ts';
import { FdTable } from '../kernel/fd.ts';
import type { Kernel } from '../kernel/kernel.ts';
import type { Program } from '../kernel/process.ts';
import { HOST_HOSTNAME } from './containers.ts';

const waitForever: Program = () => new Promise<number>(() => {});

export function startHostProcesses(kernel: Kernel): void {
  const fs = new MemoryFs();
  let parent = null;
  for (const argv of [['/sbin/init'], ['/usr/bin/dockerd', '-H', 'unix:///var/run/docker.sock'], ['/usr/bin/containerd']]) {
    const task = kernel.spawn({
      program: waitForever, argv, env: new Map(), cwd: '/', creds: { uid: 0, gid: 0, groups: [] },
      fs, fds: new FdTable(), cgroup: kernel.rootCgroup, uts: { hostname: HOST_HOSTNAME }, parent,
    });
    parent ??= task;
  }
}
