// os (guest code): what the container's kernel reports — hostname, the
// kernel release, CPUs, memory from /proc/meminfo and the cgroup, network
// interfaces, the user from /etc/passwd.
'use strict';

const host = require('internal/binding');

const info = () => host('os');

module.exports = {
  EOL: '\n',
  devNull: '/dev/null',
  arch: () => 'x64',
  machine: () => 'x86_64',
  platform: () => 'linux',
  type: () => 'Linux',
  endianness: () => 'LE',
  release: () => info().release,
  version: () => info().version,
  hostname: () => info().hostname,
  homedir: () => process.env.HOME || info().homedir,
  tmpdir: () => (process.env.TMPDIR || process.env.TMP || process.env.TEMP || '/tmp').replace(/(.)\/$/, '$1'),
  uptime: () => info().uptime,
  loadavg: () => info().loadavg,
  totalmem: () => info().totalmem,
  freemem: () => info().freemem,
  availableParallelism: () => info().cpus.length,
  cpus: () => info().cpus,
  networkInterfaces: () => info().interfaces,
  userInfo: (options) => {
    const u = info().user;
    if (options && options.encoding === 'buffer') return { ...u, username: Buffer.from(u.username), homedir: Buffer.from(u.homedir), shell: u.shell === null ? null : Buffer.from(u.shell) };
    return u;
  },
  getPriority: () => 0,
  setPriority: () => {},
  constants: {
    signals: host('proc').signals,
    errno: Object.fromEntries(Object.entries(require('internal/errors').UV).map(([k, [n]]) => [k, -n])),
    priority: { PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0, PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20 },
  },
};
