// The Network panel: every network (GET /networks, then GET /networks/{id})
// with its driver, subnet and gateway and the containers attached with their
// addresses (Containers: IPv4Address, MacAddress); then each container's
// published ports (NetworkSettings.Ports of GET /containers/{id}/json):
// host address and port → container port, or "not published" for a port
// the image only exposes. Refreshed on network and container events.
import type { EngineClient } from '../../sandbox/index.ts';
import { useI18n } from '../i18n/index.tsx';
import { useEventTick, useLoad } from './use-refresh.ts';
import './panels.css';

interface Network {
  Name: string; Id: string; Driver: string; Internal: boolean;
  IPAM: { Config: Array<{ Subnet?: string; Gateway?: string }> | null };
  Containers: Record<string, { Name: string; IPv4Address: string; MacAddress: string }> | null;
}
type Bindings = Record<string, Array<{ HostIp: string; HostPort: string }> | null> | null;
interface Inspect { Id: string; Name: string; NetworkSettings: { Ports: Bindings } }

/** Built-in networks after the user's own, bridge first. */
const ORDER = (n: Network): number => (n.Name === 'bridge' ? 0 : n.Name === 'host' ? 2 : n.Name === 'none' ? 3 : 1);

/** `0.0.0.0:8080`, `[::]:8080`; an empty HostIp is every address. */
function hostAddress(b: { HostIp: string; HostPort: string }): string {
  const ip = b.HostIp || '0.0.0.0';
  return `${ip.includes(':') ? `[${ip}]` : ip}:${b.HostPort}`;
}

export function NetworkPanel({ client }: { client: EngineClient }) {
  const { t } = useI18n();
  const [tick] = useEventTick(client, ['network', 'container']);
  const { value: data, error } = useLoad(async () => {
    const nets = await client.json<Array<{ Id: string }>>('GET', '/networks');
    const networks = await Promise.all(nets.map((n) => client.json<Network>('GET', `/networks/${n.Id}`)));
    const running = await client.json<Array<{ Id: string }>>('GET', '/containers/json');
    const containers = await Promise.all(running.map((c) => client.json<Inspect>('GET', `/containers/${c.Id}/json`)));
    return { networks: networks.sort((a, b) => ORDER(a) - ORDER(b) || a.Name.localeCompare(b.Name)), containers };
  }, client, tick);
  if (!data) return <p className={error ? 'empty' : 'loading'} role={error ? 'alert' : undefined}>{error ? t('panels.error', { message: error }) : t('panels.loading')}</p>;
  const ports = data.containers.flatMap((c) => Object.entries(c.NetworkSettings.Ports ?? {}).map(([port, b]) => ({ c, port, bindings: b ?? [] })));
  return (
    <div className="pn" data-testid="network-panel">
      {data.networks.map((n) => {
        const members = Object.entries(n.Containers ?? {});
        const ipam = n.IPAM.Config?.[0];
        return (
          <section key={n.Id} className="pn-card" data-testid={`network-${n.Name}`} aria-labelledby={`net-${n.Id}`}>
            <div className="pn-head">
              <h3 id={`net-${n.Id}`}>{n.Name}</h3>
              <span className="pn-meta">
                {t('network.driver')}: {n.Driver}
                {ipam?.Subnet ? <> · {t('network.subnet')}: <code>{ipam.Subnet}</code></> : null}
                {ipam?.Gateway ? <> · {t('network.gateway')}: <code>{ipam.Gateway}</code></> : null}
                {n.Internal ? <> · <span className="badge">{t('network.internal')}</span></> : null}
              </span>
            </div>
            {members.length === 0 ? <p className="hint">{t(n.Driver === 'bridge' ? 'network.noContainers' : 'network.noContainersOther', { name: n.Name })}</p> : (
              <div className="pn-scroll">
                <table className="grid">
                  <thead><tr><th>{t('network.container')}</th><th>{t('network.ipv4')}</th><th>{t('network.mac')}</th></tr></thead>
                  <tbody>
                    {members.map(([id, m]) => (
                      <tr key={id} data-testid={`network-${n.Name}-${m.Name}`}>
                        <td>{m.Name}</td><td><code>{m.IPv4Address || '—'}</code></td><td><code>{m.MacAddress || '—'}</code></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
      <section className="pn-card" aria-labelledby="net-ports" data-testid="network-ports">
        <h3 id="net-ports">{t('network.ports')}</h3>
        {ports.length === 0 ? <p className="hint">{t('network.noPorts')}</p> : (
          <div className="pn-scroll">
            <table className="grid">
              <thead><tr><th>{t('network.container')}</th><th>{t('network.hostSide')}</th><th /><th>{t('network.containerSide')}</th></tr></thead>
              <tbody>
                {ports.flatMap(({ c, port, bindings }) => {
                  const name = c.Name.replace(/^\//, '');
                  if (bindings.length === 0) {
                    return [<tr key={`${c.Id}-${port}`}><td>{name}</td><td className="dim">{t('network.notPublished')}</td><td /><td><code>{port}</code></td></tr>];
                  }
                  return bindings.map((b, i) => (
                    <tr key={`${c.Id}-${port}-${i}`} data-testid={`port-${name}-${b.HostPort}`}>
                      <td>{name}</td><td><code>{hostAddress(b)}</code></td><td aria-hidden="true">→</td><td><code>{port}</code></td>
                    </tr>
                  ));
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
