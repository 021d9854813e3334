// docker compose config: the project in its canonical form, as Compose
// prints it — interpolated, short syntaxes expanded, paths absolute, names
// resolved — which is what every other compose command acts on.
import { stringify } from 'yaml';
import { goDuration } from '../../api/units.ts';
import type { Project, Service } from './model.ts';
import type { ComposeCommand } from './types.ts';

export const config: ComposeCommand = {
  spec: {
    name: 'compose config', usage: 'compose config [OPTIONS] [SERVICE...]', description: 'Parse, resolve and render compose file in canonical format',
    flags: [
      { name: 'format', type: 'string', description: 'Format the output. Values: [yaml | json]', default: 'yaml' },
      { name: 'quiet', short: 'q', type: 'bool', description: 'Only validate the configuration, don\'t print anything' },
      { name: 'services', type: 'bool', description: 'Print the service names, one per line.' },
      { name: 'volumes', type: 'bool', description: 'Print the volume names, one per line.' },
    ],
  },
  async run({ io, flags, project: open }) {
    const project = open();
    for (const w of project.warnings) io.stderr(`WARN[0000] ${w}\n`);
    if (flags.bools.get('quiet')) return 0;
    if (flags.bools.get('services')) { io.stdout([...project.services.keys()].map((s) => `${s}\n`).join('')); return 0; }
    if (flags.bools.get('volumes')) { io.stdout([...project.volumes.keys()].map((v) => `${v}\n`).join('')); return 0; }
    const doc = canonical(project, flags.args);
    io.stdout(flags.strings.get('format') === 'json' ? `${JSON.stringify(doc, null, 4)}\n` : stringify(doc, { lineWidth: 0 }));
    return 0;
  },
};

function canonical(project: Project, only: string[]): Record<string, unknown> {
  const services = [...project.services.values()].filter((s) => only.length === 0 || only.includes(s.name)).sort((a, b) => a.name.localeCompare(b.name));
  const doc: Record<string, unknown> = { name: project.name, services: Object.fromEntries(services.map((s) => [s.name, service(s)])) };
  if (project.networks.size > 0) doc.networks = Object.fromEntries([...project.networks].map(([k, n]) => [k, { name: n.name, ...(n.external && { external: true }), ...(n.driver && { driver: n.driver }) }]));
  if (project.volumes.size > 0) doc.volumes = Object.fromEntries([...project.volumes].map(([k, v]) => [k, { name: v.name, ...(v.external && { external: true }) }]));
  return doc;
}

function service(s: Service): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ...(s.build && { build: { context: s.build.context, dockerfile: s.build.dockerfile, ...(s.build.args.size > 0 && { args: Object.fromEntries(s.build.args) }), ...(s.build.target && { target: s.build.target }) } }),
    ...(s.command && { command: s.command }),
    ...(s.containerName && { container_name: s.containerName }),
    ...(s.dependsOn.size > 0 && { depends_on: Object.fromEntries([...s.dependsOn].map(([d, c]) => [d, { condition: c.condition, ...(c.restart && { restart: true }), required: c.required }])) }),
    ...(s.entrypoint && { entrypoint: s.entrypoint }),
    ...(s.environment.size > 0 && { environment: Object.fromEntries(s.environment) }),
    ...(s.expose.length > 0 && { expose: s.expose }),
    ...(s.healthcheck && { healthcheck: s.healthcheck.test[0] === 'NONE' ? { disable: true } : {
      test: s.healthcheck.test,
      ...(s.healthcheck.timeout !== undefined && { timeout: goDuration(s.healthcheck.timeout) }),
      ...(s.healthcheck.interval !== undefined && { interval: goDuration(s.healthcheck.interval) }),
      ...(s.healthcheck.retries !== undefined && { retries: s.healthcheck.retries }),
      ...(s.healthcheck.startPeriod !== undefined && { start_period: goDuration(s.healthcheck.startPeriod) }),
      ...(s.healthcheck.startInterval !== undefined && { start_interval: goDuration(s.healthcheck.startInterval) }),
    } }),
    ...(s.hostname && { hostname: s.hostname }),
    ...(s.image && { image: s.image }),
    ...(s.init && { init: true }),
    ...(s.labels.size > 0 && { labels: Object.fromEntries(s.labels) }),
    ...(s.memLimit !== null && { mem_limit: String(s.memLimit) }),
    networks: Object.fromEntries([...s.networks].map(([n, aliases]) => [n, aliases.length > 0 ? { aliases } : null])),
    ...(s.pidsLimit !== null && { pids_limit: s.pidsLimit }),
    ...(s.ports.length > 0 && { ports: s.ports.map((p) => ({ mode: 'ingress', ...(p.hostIp && { host_ip: p.hostIp }), target: p.target, ...(p.published !== null && { published: p.published }), protocol: p.protocol })) }),
    ...(s.restart && { restart: s.restart }),
    ...(s.stdinOpen && { stdin_open: true }),
    ...(s.tty && { tty: true }),
    ...(s.user && { user: s.user }),
    ...(s.volumes.length > 0 && { volumes: s.volumes.map((m) => ({ type: m.type, ...(m.source && { source: m.source }), target: m.target, ...(m.readOnly && { read_only: true }), ...(m.type === 'volume' && { volume: {} }), ...(m.type === 'bind' && { bind: { create_host_path: true } }) })) }),
    ...(s.workingDir && { working_dir: s.workingDir }),
  };
  if (s.cpus !== null) out.cpus = s.cpus;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
