// The built-in images' own scripts, run as their containers would run them.
import { describe, expect, it } from 'vitest';
import { Daemon } from './daemon.ts';

const logs = (c: { logs: Array<{ stream: string; data: Uint8Array }> }, stream: string): string =>
  c.logs.filter((l) => l.stream === stream).map((l) => new TextDecoder().decode(l.data)).join('');

describe('built-in images run their entrypoints', () => {
  it('nginx: docker-entrypoint.sh runs the /docker-entrypoint.d scripts, then execs nginx', async () => {
    const d = await Daemon.create();
    const container = d.containers.create({ image: d.images.mustResolve('nginx') });
    d.containers.start(container);
    for (let i = 0; i < 2000 && !/start worker processes/.test(logs(container, 'stderr')); i++) await new Promise((r) => setTimeout(r, 0));
    expect(logs(container, 'stdout')).toBe([
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      '10-listen-on-ipv6-by-default.sh: info: ipv6 not available',
      '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
      '',
    ].join('\n'));
    // exec: nginx is PID 1 (the master), not a child of the entrypoint script.
    expect(container.state.Running).toBe(true);
    expect(logs(container, 'stderr')).toMatch(/\[notice\] 1#1: start worker processes\n/);
    await d.containers.stop(container);
    expect(container.state.ExitCode).toBe(0);
  });

  it('node: docker-entrypoint.sh passes a script name to node', async () => {
    const d = await Daemon.create();
    const { container, exitCode } = await d.run({ image: d.images.mustResolve('node'), cmd: ['app.js'] });
    expect(logs(container, 'stderr')).toMatch(/^node:internal\/modules\/cjs\/loader:1228\n {2}throw err;\n {2}\^\n\nError: Cannot find module '\/app.js'\n/);
    expect(exitCode).toBe(1);
    const flags = await d.run({ image: d.images.mustResolve('node'), cmd: ['-p', 'process.argv0 + " " + process.version'] });
    expect(logs(flags.container, 'stdout')).toBe('node v22.14.0\n');
  });

  it('alpine: cat /etc/os-release through the symlink', async () => {
    const d = await Daemon.create();
    const { container } = await d.run({ image: d.images.mustResolve('alpine'), cmd: ['cat', '/etc/os-release'] });
    expect(logs(container, 'stdout')).toContain('PRETTY_NAME="Alpine Linux v3.21"');
  });
});
