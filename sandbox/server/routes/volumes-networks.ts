// Volume and network routes: create, list, inspect, remove, prune; network
// connect and disconnect — the shapes `docker volume` and `docker network`
// print from.
import type { Daemon } from '../../daemon/daemon.ts';
import { cidrString, formatIp } from '../../daemon/daemon.ts';
import { NetworkConnectOptions, NetworkCreateRequest, NetworkDisconnectOptions, VolumeCreateOptions } from '../api-structs.ts';
import { ApiError, jsonBody, type Router } from '../router.ts';

type VolumeT = ReturnType<Daemon['volumes']['get']>;
type NetworkT = ReturnType<Daemon['networks']['mustFind']>;

function volumeJson(v: VolumeT): Record<string, unknown> {
  return {
    CreatedAt: new Date(v.created).toISOString().replace(/\.\d{3}Z$/, 'Z'), Driver: 'local', Labels: v.labels,
    Mountpoint: `/var/lib/docker/volumes/${v.name}/_data`, Name: v.name, Options: null, Scope: 'local',
  };
}

function networkJson(d: Daemon, n: NetworkT): Record<string, unknown> {
  const containers: Record<string, unknown> = {};
  for (const [id, ep] of n.endpoints) {
    const c = d.containers.list().find((x) => x.id === id);
    containers[id] = {
      Name: c?.name ?? id.slice(0, 12), EndpointID: `${id.slice(0, 32)}${id.slice(0, 32)}`, MacAddress: ep.mac,
      IPv4Address: n.subnet ? `${formatIp(ep.ip)}/${n.subnet.prefixLen}` : '', IPv6Address: '',
    };
  }
  return {
    Name: n.name, Id: n.id, Created: new Date(n.created).toISOString(), Scope: 'local', Driver: n.driver, EnableIPv4: true, EnableIPv6: false,
    IPAM: { Driver: 'default', Options: null, Config: n.subnet && n.pool ? [{ Subnet: cidrString(n.subnet), Gateway: formatIp(n.pool.gateway) }] : [] },
    Internal: n.opts.internal ?? false, Attachable: false, Ingress: false, ConfigFrom: { Network: '' }, ConfigOnly: false,
    Containers: containers, Options: {}, Labels: Object.fromEntries(n.opts.labels ?? new Map()),
  };
}

export function volumeNetworkRoutes(r: Router, d: Daemon): void {
  const volumeUser = (name: string): string | null => d.containers.list().find((c) => c.mounts.some((m) => m.type === 'volume' && m.name === name))?.id ?? null;

  r.add('GET', '/volumes', () => ({ status: 200, json: { Volumes: d.volumes.list().map(volumeJson), Warnings: null } }));
  r.add('POST', '/volumes/create', (req) => {
    const body = jsonBody(req, VolumeCreateOptions);
    if (body.Driver && body.Driver !== 'local') throw new ApiError(404, `plugin "${body.Driver}" not found`);
    const v = d.volumes.create(body.Name || undefined, body.Labels ?? {});
    d.events.emit('volume', 'create', v.name, { driver: 'local' });
    return { status: 201, json: volumeJson(v) };
  });
  r.add('GET', '/volumes/{name}', (_req, p) => ({ status: 200, json: volumeJson(d.volumes.get(p.get('name')!)) }));
  r.add('DELETE', '/volumes/{name}', (_req, p) => {
    const name = p.get('name')!;
    d.volumes.remove(name, volumeUser(name));
    d.events.emit('volume', 'destroy', name, { driver: 'local' });
    return { status: 204, body: '' };
  });
  r.add('POST', '/volumes/prune', (req) => {
    const all = (req.query.get('filters') ?? '').includes('"all"');
    const deleted: string[] = [];
    for (const v of d.volumes.list()) {
      if (volumeUser(v.name) || (!all && !v.anonymous)) continue;
      d.volumes.remove(v.name, null);
      deleted.push(v.name);
    }
    return { status: 200, json: { VolumesDeleted: deleted, SpaceReclaimed: 0 } };
  });

  r.add('GET', '/networks', () => ({ status: 200, json: d.networks.list().map((n) => networkJson(d, n)) }));
  r.add('GET', '/networks/{id}', (_req, p) => ({ status: 200, json: networkJson(d, d.networks.mustFind(p.get('id')!)) }));
  r.add('POST', '/networks/create', (req) => {
    const body = jsonBody(req, NetworkCreateRequest);
    if (!body.Name) throw new ApiError(400, 'network name is required');
    const ipam = body.IPAM?.Config?.[0];
    const n = d.networks.create(body.Name, {
      ...(body.Driver && { driver: body.Driver }), ...(ipam?.Subnet && { subnet: ipam.Subnet }), ...(ipam?.Gateway && { gateway: ipam.Gateway }),
      ...(body.Internal && { internal: true }), ...(body.Labels && { labels: new Map(Object.entries(body.Labels)) }),
    });
    d.events.emit('network', 'create', n.id, { name: n.name, type: n.driver });
    return { status: 201, json: { Id: n.id, Warning: '' } };
  });
  r.add('DELETE', '/networks/{id}', (_req, p) => {
    const n = d.networks.mustFind(p.get('id')!);
    d.networks.remove(n);
    d.events.emit('network', 'destroy', n.id, { name: n.name, type: n.driver });
    return { status: 204, body: '' };
  });
  r.add('POST', '/networks/prune', () => ({ status: 200, json: { NetworksDeleted: d.networks.prune() } }));
  r.add('POST', '/networks/{id}/connect', (req, p) => {
    const body = jsonBody(req, NetworkConnectOptions);
    const n = d.networks.mustFind(p.get('id')!);
    const c = d.containers.get(body.Container ?? '');
    d.events.emit('network', 'connect', n.id, { container: c.id, name: n.name, type: n.driver });
    c.connectNetwork(n.name, { ...(body.EndpointConfig?.Aliases && { aliases: body.EndpointConfig.Aliases }), ...(body.EndpointConfig?.IPAMConfig?.IPv4Address && { ip: body.EndpointConfig.IPAMConfig.IPv4Address }) });
    return { status: 200, body: '' };
  });
  r.add('POST', '/networks/{id}/disconnect', (req, p) => {
    const body = jsonBody(req, NetworkDisconnectOptions);
    const n = d.networks.mustFind(p.get('id')!);
    const c = d.containers.get(body.Container ?? '');
    c.disconnectNetwork(n.name);
    d.events.emit('network', 'disconnect', n.id, { container: c.id, name: n.name, type: n.driver });
    return { status: 200, body: '' };
  });
}
