// The compose file, loaded as Compose (compose-go) loads it: YAML parsed,
// ${VARS} interpolated from the shell and the project's .env, every short
// syntax turned into its long form (ports, volumes, depends_on, networks,
// environment, healthcheck), references checked, and the result validated
// against the subset of the Compose Specification the playground runs.
import { parse as parseYaml } from 'yaml';
import { normalizePathPosix } from '../paths.ts';
import { parseGoDuration } from '../../api/units.ts';
import { ComposeError, interpolate, parseEnvFile, shellWords } from './text.ts';

export interface PortSpec { target: number; published: string | null; hostIp: string; protocol: string }
export interface MountSpec { type: 'volume' | 'bind' | 'tmpfs'; source: string | null; target: string; readOnly: boolean }
export interface DependsOn { condition: 'service_started' | 'service_healthy' | 'service_completed_successfully'; required: boolean; restart: boolean }
export interface Healthcheck { test: string[]; interval?: number; timeout?: number; retries?: number; startPeriod?: number; startInterval?: number }
export interface BuildSpec { context: string; dockerfile: string; args: Map<string, string>; target: string | null }

export interface Service {
  name: string;
  image: string | null;
  build: BuildSpec | null;
  command: string[] | null;
  entrypoint: string[] | null;
  /** null: KEY listed without a value and unset in the shell (left out, as Compose does). */
  environment: Map<string, string>;
  ports: PortSpec[];
  expose: string[];
  volumes: MountSpec[];
  /** Network name in the file → aliases. */
  networks: Map<string, string[]>;
  dependsOn: Map<string, DependsOn>;
  healthcheck: Healthcheck | null;
  restart: string | null;
  containerName: string | null;
  workingDir: string | null;
  user: string | null;
  hostname: string | null;
  labels: Map<string, string>;
  tty: boolean;
  stdinOpen: boolean;
  init: boolean;
  memLimit: number | null;
  cpus: number | null;
  pidsLimit: number | null;
}

export interface TopVolume { name: string; external: boolean; labels: Map<string, string> }
export interface TopNetwork { name: string; external: boolean; driver: string | null; labels: Map<string, string> }

export interface Project {
  name: string;
  workingDir: string;
  configFiles: string[];
  services: Map<string, Service>;
  volumes: Map<string, TopVolume>;
  networks: Map<string, TopNetwork>;
  /** Compose's warnings (an obsolete `version`), printed before the command runs. */
  warnings: string[];
}

export interface LoadOptions {
  /** The file's text, its absolute path and the project directory. */
  text: string;
  file: string;
  workingDir: string;
  /** The shell's environment and the project's .env (the shell wins). */
  env: ReadonlyMap<string, string>;
  /** -p / COMPOSE_PROJECT_NAME, if given. */
  projectName?: string;
  /** Reads a file relative to the project (env_file). */
  readFile(path: string): string;
}

const SERVICE_KEYS = new Set(['image', 'build', 'command', 'entrypoint', 'environment', 'env_file', 'ports', 'expose', 'volumes', 'networks', 'depends_on', 'healthcheck', 'restart', 'container_name', 'working_dir', 'user', 'hostname', 'labels', 'tty', 'stdin_open', 'init', 'mem_limit', 'cpus', 'pids_limit']);
/** Valid Compose keys the playground does not run: refused plainly rather than ignored. */
const UNSUPPORTED_SERVICE_KEYS = new Set(['deploy', 'profiles', 'secrets', 'configs', 'cap_add', 'cap_drop', 'devices', 'extends', 'logging', 'privileged', 'security_opt', 'ulimits', 'sysctls', 'network_mode', 'links', 'external_links', 'extra_hosts', 'dns', 'shm_size', 'stop_signal', 'stop_grace_period', 'platform', 'pull_policy', 'scale', 'ipc', 'pid', 'userns_mode', 'volumes_from', 'develop', 'domainname', 'mac_address', 'read_only', 'tmpfs', 'cgroup_parent', 'isolation', 'runtime', 'storage_opt', 'annotations', 'attach', 'cpu_shares', 'cpu_quota', 'cpu_period', 'cpuset', 'mem_reservation', 'memswap_limit', 'oom_kill_disable', 'oom_score_adj', 'group_add', 'post_start', 'pre_stop', 'models', 'provider', 'use_api_socket', 'gpus', 'label_file', 'blkio_config', 'credential_spec', 'device_cgroup_rules', 'dns_opt', 'dns_search', 'env_from', 'cpu_count', 'cpu_percent', 'cpu_rt_period', 'cpu_rt_runtime', 'cpus_set', 'mem_swappiness', 'volume_driver', 'uts']);
const TOP_KEYS = new Set(['name', 'services', 'volumes', 'networks', 'version']);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Loads and normalizes a compose file. Throws ComposeError with Compose's message. */
export function loadProject(o: LoadOptions): Project {
  let doc: unknown;
  try {
    doc = parseYaml(o.text, { maxAliasCount: 100 });
  } catch (e) {
    throw new ComposeError(`yaml: ${(e as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) throw new ComposeError(`empty compose file`);
  if (!isObj(doc)) throw new ComposeError(`validating ${o.file}: top-level object must be a mapping`);
  const warnings: string[] = [];
  for (const key of Object.keys(doc)) {
    if (key.startsWith('x-')) continue;
    if (key === 'configs' || key === 'secrets') throw new ComposeError(`${key}: not supported by the playground's docker compose`);
    if (!TOP_KEYS.has(key)) throw new ComposeError(`validating ${o.file}: additional properties '${key}' not allowed`);
  }
  if ('version' in doc) warnings.push(`${o.file}: the attribute \`version\` is obsolete, it will be ignored, please remove it to avoid potential confusion`);
  const ip = (v: unknown, where: string): unknown => interpolateAll(v, o.env, where);
  const name = normalizeProjectName(o.projectName ?? (typeof doc.name === 'string' ? String(ip(doc.name, 'name')) : basename(o.workingDir)));
  if (!name) throw new ComposeError(`project name must not be empty`);
  const rawServices = doc.services;
  if (!isObj(rawServices) || Object.keys(rawServices).length === 0) throw new ComposeError('no service selected');
  const volumes = new Map<string, TopVolume>();
  for (const [key, raw] of Object.entries(isObj(doc.volumes) ? doc.volumes : {})) {
    const v = isObj(raw) ? raw : {};
    const external = v.external === true;
    volumes.set(key, { name: typeof v.name === 'string' ? v.name : external ? key : `${name}_${key}`, external, labels: stringMap(v.labels, `volumes.${key}.labels`) });
  }
  const networks = new Map<string, TopNetwork>();
  for (const [key, raw] of Object.entries(isObj(doc.networks) ? doc.networks : {})) {
    const n = isObj(raw) ? raw : {};
    const external = n.external === true;
    networks.set(key, { name: typeof n.name === 'string' ? n.name : external ? key : `${name}_${key}`, external, driver: typeof n.driver === 'string' ? n.driver : null, labels: stringMap(n.labels, `networks.${key}.labels`) });
  }
  const services = new Map<string, Service>();
  for (const [svcName, raw] of Object.entries(rawServices)) {
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(svcName)) throw new ComposeError(`service name "${svcName}" is invalid: must match [a-zA-Z0-9][a-zA-Z0-9_.-]+`);
    const s = ip(raw ?? {}, `services.${svcName}`);
    if (!isObj(s)) throw new ComposeError(`services.${svcName} must be a mapping`);
    services.set(svcName, loadService(svcName, s, o));
  }
  const usesDefault = [...services.values()].some((s) => s.networks.has('default'));
  if (usesDefault && !networks.has('default')) networks.set('default', { name: `${name}_default`, external: false, driver: null, labels: new Map() });
  for (const s of services.values()) {
    for (const n of s.networks.keys()) if (!networks.has(n)) throw new ComposeError(`service "${s.name}" refers to undefined network ${n}: invalid compose project`);
    for (const m of s.volumes) if (m.type === 'volume' && m.source && !volumes.has(m.source)) throw new ComposeError(`service "${s.name}" refers to undefined volume ${m.source}: invalid compose project`);
    for (const d of s.dependsOn.keys()) if (!services.has(d)) throw new ComposeError(`service "${s.name}" depends on undefined service "${d}": invalid compose project`);
    if (!s.image && !s.build) throw new ComposeError(`service "${s.name}" has neither an image nor a build context specified: invalid compose project`);
  }
  serviceOrder(services);
  return { name, workingDir: o.workingDir, configFiles: [o.file], services, volumes, networks, warnings };
}

function loadService(name: string, s: Obj, o: LoadOptions): Service {
  for (const key of Object.keys(s)) {
    if (key.startsWith('x-')) continue;
    if (UNSUPPORTED_SERVICE_KEYS.has(key)) throw new ComposeError(`services.${name}.${key} is not supported by the playground's docker compose`);
    if (!SERVICE_KEYS.has(key)) throw new ComposeError(`validating ${o.file}: services.${name} additional properties '${key}' not allowed`);
  }
  const where = `services.${name}`;
  const environment = new Map<string, string>();
  for (const file of toList(s.env_file, `${where}.env_file`)) {
    const path = typeof file === 'string' ? file : isObj(file) && typeof file.path === 'string' ? file.path : null;
    if (path === null) throw new ComposeError(`${where}.env_file must be a string or a list`);
    let text: string;
    try {
      text = o.readFile(normalizePathPosix(path, o.workingDir));
    } catch {
      if (isObj(file) && file.required === false) continue;
      throw new ComposeError(`env file ${normalizePathPosix(path, o.workingDir)} not found: stat ${normalizePathPosix(path, o.workingDir)}: no such file or directory`);
    }
    for (const [k, v] of parseEnvFile(text)) environment.set(k, v);
  }
  for (const [k, v] of keyValues(s.environment, `${where}.environment`)) {
    if (v !== null) environment.set(k, v);
    else if (o.env.has(k)) environment.set(k, o.env.get(k)!);
  }
  return {
    name,
    image: s.image === undefined ? null : str(s.image, `${where}.image`),
    build: s.build === undefined ? null : loadBuild(s.build, o.workingDir, where),
    command: s.command === undefined || s.command === null ? null : commandOf(s.command, `${where}.command`),
    entrypoint: s.entrypoint === undefined || s.entrypoint === null ? null : commandOf(s.entrypoint, `${where}.entrypoint`),
    environment,
    ports: toList(s.ports, `${where}.ports`).flatMap((p) => portOf(p, `${where}.ports`)),
    expose: toList(s.expose, `${where}.expose`).map((e) => String(e)),
    volumes: toList(s.volumes, `${where}.volumes`).map((v) => mountOf(v, o.workingDir, `${where}.volumes`)),
    networks: networksOf(s.networks, where),
    dependsOn: dependsOf(s.depends_on, where),
    healthcheck: s.healthcheck === undefined ? null : healthcheckOf(s.healthcheck, where),
    restart: s.restart === undefined ? null : restartOf(s.restart, where),
    containerName: s.container_name === undefined ? null : str(s.container_name, `${where}.container_name`),
    workingDir: s.working_dir === undefined ? null : str(s.working_dir, `${where}.working_dir`),
    user: s.user === undefined ? null : String(s.user),
    hostname: s.hostname === undefined ? null : str(s.hostname, `${where}.hostname`),
    labels: stringMap(s.labels, `${where}.labels`),
    tty: bool(s.tty, `${where}.tty`),
    stdinOpen: bool(s.stdin_open, `${where}.stdin_open`),
    init: bool(s.init, `${where}.init`),
    memLimit: s.mem_limit === undefined ? null : bytesOf(s.mem_limit, `${where}.mem_limit`),
    cpus: s.cpus === undefined ? null : numberOf(s.cpus, `${where}.cpus`),
    pidsLimit: s.pids_limit === undefined ? null : numberOf(s.pids_limit, `${where}.pids_limit`),
  };
}

/** Services in start order (dependencies first); a cycle is an error. */
export function serviceOrder(services: ReadonlyMap<string, Service>): Service[] {
  const order: Service[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (s: Service, path: string[]): void => {
    if (state.get(s.name) === 'done') return;
    if (state.get(s.name) === 'visiting') throw new ComposeError(`dependency cycle detected: ${[...path, s.name].join(' -> ')}`);
    state.set(s.name, 'visiting');
    for (const d of s.dependsOn.keys()) { const dep = services.get(d); if (dep) visit(dep, [...path, s.name]); }
    state.set(s.name, 'done');
    order.push(s);
  };
  for (const s of services.values()) visit(s, []);
  return order;
}

/** Lowercase letters, digits, `-` and `_`, starting with a letter or digit (as Compose normalizes names). */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[^a-z0-9]+/, '');
}

function interpolateAll(v: unknown, env: ReadonlyMap<string, string>, where: string): unknown {
  if (typeof v === 'string') return interpolate(v, env, where);
  if (Array.isArray(v)) return v.map((x, i) => interpolateAll(x, env, `${where}[${i}]`));
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, interpolateAll(x, env, `${where}.${k}`)]));
  return v;
}

function str(v: unknown, where: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  throw new ComposeError(`${where} must be a string`);
}

function bool(v: unknown, where: string): boolean {
  if (v === undefined) return false;
  if (typeof v === 'boolean') return v;
  throw new ComposeError(`${where} must be a boolean`);
}

function numberOf(v: unknown, where: string): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new ComposeError(`${where} must be a number`);
  return n;
}

function bytesOf(v: unknown, where: string): number {
  if (typeof v === 'number') return v;
  const m = typeof v === 'string' ? /^(\d+(?:\.\d+)?)\s*([bkmg]?)b?$/i.exec(v.trim()) : null;
  if (!m) throw new ComposeError(`${where}: invalid size: '${String(v)}'`);
  return Math.round(Number(m[1]) * ({ '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as Record<string, number>)[m[2]!.toLowerCase()]!);
}

function toList(v: unknown, where: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [v];
  throw new ComposeError(`${where} must be a list`);
}

/** A list of KEY=VALUE strings or a mapping; a bare KEY is null (taken from the shell). */
function keyValues(v: unknown, where: string): Map<string, string | null> {
  const out = new Map<string, string | null>();
  if (v === undefined || v === null) return out;
  if (Array.isArray(v)) {
    for (const item of v) {
      const s = String(item);
      const eq = s.indexOf('=');
      out.set(eq < 0 ? s : s.slice(0, eq), eq < 0 ? null : s.slice(eq + 1));
    }
    return out;
  }
  if (!isObj(v)) throw new ComposeError(`${where} must be a mapping or a list`);
  for (const [k, x] of Object.entries(v)) out.set(k, x === null ? null : typeof x === 'object' ? JSON.stringify(x) : String(x));
  return out;
}

function stringMap(v: unknown, where: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, x] of keyValues(v, where)) out.set(k, x ?? '');
  return out;
}

function commandOf(v: unknown, where: string): string[] {
  if (typeof v === 'string') return shellWords(v);
  if (Array.isArray(v)) return v.map((x) => String(x));
  throw new ComposeError(`${where} must be a string or a list`);
}

function basename(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

function loadBuild(v: unknown, dir: string, where: string): BuildSpec {
  if (typeof v === 'string') return { context: normalizePathPosix(v, dir), dockerfile: 'Dockerfile', args: new Map(), target: null };
  if (!isObj(v)) throw new ComposeError(`${where}.build must be a string or a mapping`);
  for (const key of Object.keys(v)) if (!['context', 'dockerfile', 'args', 'target', 'labels'].includes(key) && !key.startsWith('x-')) throw new ComposeError(`${where}.build.${key} is not supported by the playground's docker compose`);
  const args = new Map<string, string>();
  for (const [k, x] of keyValues(v.args, `${where}.build.args`)) if (x !== null) args.set(k, x);
  return { context: normalizePathPosix(v.context === undefined ? '.' : str(v.context, `${where}.build.context`), dir), dockerfile: v.dockerfile === undefined ? 'Dockerfile' : str(v.dockerfile, `${where}.build.dockerfile`), args, target: v.target === undefined ? null : str(v.target, `${where}.build.target`) };
}

function portOf(v: unknown, where: string): PortSpec[] {
  if (isObj(v)) {
    const target = Number(v.target);
    if (!Number.isInteger(target)) throw new ComposeError(`${where}: target must be a port number`);
    return [{ target, published: v.published === undefined ? null : String(v.published), hostIp: v.host_ip === undefined ? '' : String(v.host_ip), protocol: v.protocol === undefined ? 'tcp' : String(v.protocol) }];
  }
  const text = String(v);
  const [spec, protocol = 'tcp'] = text.split('/');
  const parts = spec!.split(':');
  const container = parts.pop()!;
  const published = parts.pop() ?? null;
  const hostIp = parts.join(':').replace(/^\[|\]$/g, '');
  const range = (s: string): number[] => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(s);
    if (!m) throw new ComposeError(`Invalid containerPort: ${s}`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a || b - a > 1000) throw new ComposeError(`Invalid range specified for port: ${s}`);
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  };
  const targets = range(container);
  const hosts = published ? range(published) : null;
  if (hosts && hosts.length !== targets.length && hosts.length !== 1) throw new ComposeError(`Invalid ranges specified for container and host Ports: ${container} and ${published}`);
  return targets.map((target, i) => ({ target, published: hosts ? String(hosts.length === 1 ? hosts[0] : hosts[i]) : null, hostIp, protocol }));
}

function mountOf(v: unknown, dir: string, where: string): MountSpec {
  if (isObj(v)) {
    const type = String(v.type ?? 'volume');
    if (type !== 'volume' && type !== 'bind' && type !== 'tmpfs') throw new ComposeError(`${where}: mount type ${type} is not supported by the playground`);
    const source = v.source === undefined ? null : String(v.source);
    return { type, source: type === 'bind' && source ? normalizePathPosix(source, dir) : source, target: String(v.target), readOnly: v.read_only === true };
  }
  const parts = String(v).split(':');
  if (parts.length === 1) return { type: 'volume', source: null, target: parts[0]!, readOnly: false };
  const [source, target, mode = 'rw'] = parts as [string, string, string?];
  const readOnly = mode.split(',').includes('ro');
  const isPath = source.startsWith('.') || source.startsWith('/') || source.startsWith('~');
  return isPath ? { type: 'bind', source: normalizePathPosix(source, dir), target, readOnly } : { type: 'volume', source, target, readOnly };
}

function networksOf(v: unknown, where: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (v === undefined || v === null) { out.set('default', []); return out; }
  if (Array.isArray(v)) { for (const n of v) out.set(String(n), []); return out; }
  if (!isObj(v)) throw new ComposeError(`${where}.networks must be a list or a mapping`);
  for (const [n, cfg] of Object.entries(v)) out.set(n, isObj(cfg) && Array.isArray(cfg.aliases) ? cfg.aliases.map(String) : []);
  return out;
}

function dependsOf(v: unknown, where: string): Map<string, DependsOn> {
  const out = new Map<string, DependsOn>();
  if (v === undefined || v === null) return out;
  if (Array.isArray(v)) { for (const d of v) out.set(String(d), { condition: 'service_started', required: true, restart: false }); return out; }
  if (!isObj(v)) throw new ComposeError(`${where}.depends_on must be a list or a mapping`);
  for (const [d, cfg] of Object.entries(v)) {
    const c = isObj(cfg) ? cfg : {};
    const condition = String(c.condition ?? 'service_started');
    if (condition !== 'service_started' && condition !== 'service_healthy' && condition !== 'service_completed_successfully') {
      throw new ComposeError(`validating: ${where}.depends_on.${d}.condition must be one of the following: "service_started", "service_healthy", "service_completed_successfully"`);
    }
    out.set(d, { condition, required: c.required !== false, restart: c.restart === true });
  }
  return out;
}

function healthcheckOf(v: unknown, where: string): Healthcheck | null {
  if (!isObj(v)) throw new ComposeError(`${where}.healthcheck must be a mapping`);
  if (v.disable === true) return { test: ['NONE'] };
  const test = typeof v.test === 'string' ? ['CMD-SHELL', v.test] : Array.isArray(v.test) ? v.test.map(String) : null;
  if (!test) throw new ComposeError(`${where}.healthcheck.test must be a string or a list`);
  const d = (key: string): number | undefined => {
    if (v[key] === undefined) return undefined;
    const ns = parseGoDuration(String(v[key]));
    if (ns === null) throw new ComposeError(`${where}.healthcheck.${key}: invalid duration "${String(v[key])}"`);
    return ns;
  };
  return { test, interval: d('interval'), timeout: d('timeout'), retries: v.retries === undefined ? undefined : numberOf(v.retries, `${where}.healthcheck.retries`), startPeriod: d('start_period'), startInterval: d('start_interval') };
}

function restartOf(v: unknown, where: string): string {
  const s = String(v);
  if (!/^(no|always|unless-stopped|on-failure(:\d+)?)$/.test(s)) throw new ComposeError(`${where}.restart: invalid restart policy "${s}"`);
  return s;
}
