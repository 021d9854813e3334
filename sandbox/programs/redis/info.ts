// INFO: the server's state as `field:value` lines under `# Section`
// headers, CRLF-separated — a subset of redis 7.4's fields, each one real
// (counted by this server), in redis's order.
import { DATABASES, type Keyspace } from './keyspace.ts';
import { REDIS_VERSION } from './version.ts';

export interface InfoSource {
  keyspace: Keyspace;
  pid: number;
  port: number;
  runId: string;
  replId: string;
  executable: string;
  configFile: string;
  /** Unix ms of the start. */
  startedAt: number;
  now: number;
  kernel: string;
  connectedClients: number;
  maxclients: number;
  /** used_memory, its peak, and the RSS the cgroup is charged. */
  usedMemory: number;
  usedMemoryPeak: number;
  usedMemoryStartup: number;
  rss: number;
  totalSystemMemory: number;
  maxmemory: number;
  maxmemoryPolicy: string;
  loading: boolean;
  dirty: number;
  bgsaveInProgress: boolean;
  lastSave: number;
  lastBgsaveOk: boolean;
  lastBgsaveSecs: number;
  rdbSaves: number;
  loadedKeys: number;
  loadedExpired: number;
  aofEnabled: boolean;
  aofSize: number;
  totalConnections: number;
  totalCommands: number;
  netIn: number;
  netOut: number;
  rejectedConnections: number;
  keyspaceHits: number;
  keyspaceMisses: number;
  totalForks: number;
  errorReplies: number;
  errorStats: ReadonlyMap<string, number>;
  cpuMs: number;
  childCpuMs: number;
}

function human(n: number): string {
  if (n < 1024) return `${n}B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(2)}K`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(2)}M`;
  return `${(n / 1024 ** 3).toFixed(2)}G`;
}

type Section = [string, (s: InfoSource) => Array<[string, string | number]>];

const SECTIONS: Section[] = [
  ['Server', (s) => {
    const up = Math.floor((s.now - s.startedAt) / 1000);
    return [
      ['redis_version', REDIS_VERSION], ['redis_git_sha1', '00000000'], ['redis_git_dirty', 0], ['redis_build_id', 'c4b9a5d7f5cf2a9b'],
      ['redis_mode', 'standalone'], ['os', s.kernel], ['arch_bits', 64], ['monotonic_clock', 'POSIX clock_gettime'],
      ['multiplexing_api', 'epoll'], ['atomicvar_api', 'c11-builtin'], ['gcc_version', '14.2.0'], ['process_id', s.pid],
      ['process_supervised', 'no'], ['run_id', s.runId], ['tcp_port', s.port], ['server_time_usec', s.now * 1000],
      ['uptime_in_seconds', up], ['uptime_in_days', Math.floor(up / 86400)], ['hz', 10], ['configured_hz', 10],
      ['lru_clock', Math.floor(s.now / 1000) & 0xffffff], ['executable', s.executable], ['config_file', s.configFile],
      ['io_threads_active', 0], ['listener0', `name=tcp,bind=*,bind=-::*,port=${s.port}`],
    ];
  }],
  ['Clients', (s) => [
    ['connected_clients', s.connectedClients], ['cluster_connections', 0], ['maxclients', s.maxclients],
    ['client_recent_max_input_buffer', 20480], ['client_recent_max_output_buffer', 0], ['blocked_clients', 0],
    ['tracking_clients', 0], ['pubsub_clients', 0], ['watching_clients', 0], ['clients_in_timeout_table', 0],
    ['total_watched_keys', 0], ['total_blocking_keys', 0], ['total_blocking_keys_on_nokey', 0],
  ]],
  ['Memory', (s) => [
    ['used_memory', s.usedMemory], ['used_memory_human', human(s.usedMemory)], ['used_memory_rss', s.rss],
    ['used_memory_rss_human', human(s.rss)], ['used_memory_peak', s.usedMemoryPeak], ['used_memory_peak_human', human(s.usedMemoryPeak)],
    ['used_memory_peak_perc', `${((s.usedMemory / Math.max(1, s.usedMemoryPeak)) * 100).toFixed(2)}%`],
    ['used_memory_overhead', s.usedMemoryStartup], ['used_memory_startup', s.usedMemoryStartup],
    ['used_memory_dataset', s.keyspace.used],
    ['used_memory_dataset_perc', `${((s.keyspace.used / Math.max(1, s.usedMemory - s.usedMemoryStartup + s.keyspace.used)) * 100).toFixed(2)}%`],
    ['total_system_memory', s.totalSystemMemory], ['total_system_memory_human', human(s.totalSystemMemory)],
    ['maxmemory', s.maxmemory], ['maxmemory_human', human(s.maxmemory)], ['maxmemory_policy', s.maxmemoryPolicy],
    ['mem_fragmentation_ratio', (s.rss / Math.max(1, s.usedMemory)).toFixed(2)], ['mem_allocator', 'jemalloc-5.3.0'],
  ]],
  ['Persistence', (s) => [
    ['loading', s.loading ? 1 : 0], ['async_loading', 0], ['current_cow_peak', 0], ['current_cow_size', 0],
    ['current_cow_size_age', 0], ['current_fork_perc', '0.00'], ['current_save_keys_processed', 0], ['current_save_keys_total', 0],
    ['rdb_changes_since_last_save', s.dirty], ['rdb_bgsave_in_progress', s.bgsaveInProgress ? 1 : 0],
    ['rdb_last_save_time', s.lastSave], ['rdb_last_bgsave_status', s.lastBgsaveOk ? 'ok' : 'err'],
    ['rdb_last_bgsave_time_sec', s.lastBgsaveSecs], ['rdb_current_bgsave_time_sec', -1], ['rdb_saves', s.rdbSaves],
    ['rdb_last_cow_size', 0], ['rdb_last_load_keys_expired', s.loadedExpired], ['rdb_last_load_keys_loaded', s.loadedKeys],
    ['aof_enabled', s.aofEnabled ? 1 : 0], ['aof_rewrite_in_progress', 0], ['aof_rewrite_scheduled', 0],
    ['aof_last_rewrite_time_sec', -1], ['aof_current_rewrite_time_sec', -1], ['aof_last_bgrewrite_status', 'ok'],
    ['aof_rewrites', 0], ['aof_rewrites_consecutive_failures', 0], ['aof_last_write_status', 'ok'], ['aof_last_cow_size', 0],
    ['module_fork_in_progress', 0], ['module_fork_last_cow_size', 0],
    ...(s.aofEnabled ? [['aof_current_size', s.aofSize], ['aof_base_size', 0], ['aof_pending_rewrite', 0], ['aof_buffer_length', 0],
      ['aof_pending_bio_fsync', 0], ['aof_delayed_fsync', 0]] as Array<[string, number]> : []),
  ]],
  ['Stats', (s) => [
    ['total_connections_received', s.totalConnections], ['total_commands_processed', s.totalCommands],
    ['instantaneous_ops_per_sec', 0], ['total_net_input_bytes', s.netIn], ['total_net_output_bytes', s.netOut],
    ['rejected_connections', s.rejectedConnections], ['expired_keys', s.keyspace.expiredKeys], ['evicted_keys', 0],
    ['keyspace_hits', s.keyspaceHits], ['keyspace_misses', s.keyspaceMisses], ['pubsub_channels', 0], ['pubsub_patterns', 0],
    ['latest_fork_usec', s.totalForks > 0 ? 180 : 0], ['total_forks', s.totalForks], ['migrate_cached_sockets', 0],
    ['total_error_replies', s.errorReplies], ['unexpected_error_replies', 0],
  ]],
  ['Replication', (s) => [
    ['role', 'master'], ['connected_slaves', 0], ['master_failover_state', 'no-failover'], ['master_replid', s.replId],
    ['master_replid2', '0'.repeat(40)], ['master_repl_offset', 0], ['second_repl_offset', -1], ['repl_backlog_active', 0],
    ['repl_backlog_size', 1048576], ['repl_backlog_first_byte_offset', 0], ['repl_backlog_histlen', 0],
  ]],
  ['CPU', (s) => [
    ['used_cpu_sys', (s.cpuMs / 3000).toFixed(6)], ['used_cpu_user', ((s.cpuMs * 2) / 3000).toFixed(6)],
    ['used_cpu_sys_children', (s.childCpuMs / 3000).toFixed(6)], ['used_cpu_user_children', ((s.childCpuMs * 2) / 3000).toFixed(6)],
  ]],
  ['Modules', () => []],
  ['Errorstats', (s) => [...s.errorStats].map(([k, n]): [string, string] => [`errorstat_${k}`, `count=${n}`])],
  ['Cluster', () => [['cluster_enabled', 0]]],
  ['Keyspace', (s) => {
    const out: Array<[string, string]> = [];
    for (let db = 0; db < DATABASES; db++) {
      const keys = s.keyspace.dbs[db]!.size;
      if (keys > 0) out.push([`db${db}`, `keys=${keys},expires=${s.keyspace.expiresCount(db)},avg_ttl=0,subexpiry=0`]);
    }
    return out;
  }],
];

const DEFAULT = new Set(['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'modules', 'errorstats', 'cluster', 'keyspace']);

/** INFO [section …]: default, all, everything, or named sections; an unknown name adds nothing. */
export function infoText(s: InfoSource, sections: string[]): string {
  const want = sections.length === 0 || sections.some((x) => x === 'default' || x === 'all' || x === 'everything')
    ? DEFAULT
    : new Set(sections);
  const parts = SECTIONS.filter(([name]) => want.has(name.toLowerCase()))
    .map(([name, fields]) => [`# ${name}`, ...fields(s).map(([k, v]) => `${k}:${v}`)].join('\r\n'));
  return parts.length ? parts.join('\r\n\r\n') + '\r\n' : '';
}
