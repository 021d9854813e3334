// --mount type=volume|bind|tmpfs,source=…,target=…[,readonly]: the long
// form of -v and --tmpfs, parsed as the docker CLI's opts/mount.go does —
// comma-separated key=value fields, `src` for `source`, `dst`/`destination`
// for `target`, `ro` for `readonly`; a relative bind source (`.` or `./x`)
// made absolute against the current directory — into one entry of the
// create request's HostConfig.Mounts.
import { normalizePathPosix } from './paths.ts';

export interface MountBody { Type: string; Source?: string; Target: string; ReadOnly?: boolean }

/** A field the CLI turns down: the message after `invalid argument "…" for "--mount" flag: `. */
export class MountOptError extends Error {
  override name = 'MountOptError';
}

const TRUE = new Set(['1', 'true']);
const FALSE = new Set(['0', 'false']);

/**
 * One --mount value as HostConfig.Mounts takes it.
 * @example parseMount('type=bind,src=./site,dst=/usr/share/nginx/html,ro', '/home/student')
 *   // { Type: 'bind', Source: '/home/student/site', Target: '/usr/share/nginx/html', ReadOnly: true }
 */
export function parseMount(value: string, cwd: string): MountBody {
  let type = 'volume';
  let source: string | undefined;
  let target = '';
  let readonly = false;
  for (const field of value.split(',')) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
    const val = eq < 0 ? null : field.slice(eq + 1);
    if (key === 'readonly' || key === 'ro') {
      if (val === null || TRUE.has(val.toLowerCase())) readonly = true;
      else if (FALSE.has(val.toLowerCase())) readonly = false;
      else throw new MountOptError(`invalid value for ${key}: ${val}`);
      continue;
    }
    if (val === null) throw new MountOptError(`invalid field '${field}' must be a key=value pair`);
    switch (key) {
      case 'type': type = val.toLowerCase(); break;
      case 'source': case 'src': source = val === '.' || val.startsWith('./') ? normalizePathPosix(val, cwd) : val; break;
      case 'target': case 'dst': case 'destination': target = val; break;
      default: throw new MountOptError(`unexpected key '${key}' in '${field}'`);
    }
  }
  if (target === '') throw new MountOptError('target is required');
  return { Type: type, ...(source !== undefined && source !== '' && { Source: source }), Target: target, ...(readonly && { ReadOnly: true }) };
}
