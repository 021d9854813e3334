// The containers panel: every container with its state, image, ports, the
// limits it runs under (memory, CPUs, pids), its exit code and whether the
// OOM killer ended it — read from the Engine API and refreshed on events.
import type { EngineClient } from '../../sandbox/index.ts';
import { useI18n } from '../i18n/index.tsx';
import { useLive } from './useEngineEvents.ts';

interface Inspect {
  Id: string; Name: string; Config: { Image: string };
  State: { Status: string; ExitCode: number; OOMKilled: boolean; Running: boolean };
  HostConfig: { Memory: number; NanoCpus: number; CpuQuota: number; CpuPeriod: number; PidsLimit: number | null };
  NetworkSettings: { Ports: Record<string, Array<{ HostIp: string; HostPort: string }> | null> | null };
}

export function mib(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
}

export function ContainersPanel({ client }: { client: EngineClient }) {
  const { t } = useI18n();
  const list = useLive(client, async () => {
    const summary = await client.json<Array<{ Id: string }>>('GET', '/containers/json', { query: { all: true } });
    return Promise.all(summary.map((c) => client.json<Inspect>('GET', `/containers/${c.Id}/json`)));
  }, ['container']);
  if (!list) return null;
  if (list.length === 0) return <p className="empty">{t('containers.none')}</p>;
  return (
    <table className="grid" data-testid="containers-table">
      <thead>
        <tr><th>{t('containers.name')}</th><th>{t('containers.image')}</th><th>{t('containers.state')}</th><th>{t('containers.ports')}</th><th>{t('containers.limits')}</th><th>{t('containers.exit')}</th></tr>
      </thead>
      <tbody>
        {list.map((c) => {
          const hc = c.HostConfig;
          const cpus = hc.NanoCpus ? hc.NanoCpus / 1e9 : hc.CpuQuota > 0 ? hc.CpuQuota / (hc.CpuPeriod || 100000) : 0;
          const limits = [hc.Memory ? `mem ${mib(hc.Memory)}` : '', cpus ? `cpus ${cpus}` : '', hc.PidsLimit && hc.PidsLimit > 0 ? `pids ${hc.PidsLimit}` : ''].filter(Boolean).join(', ');
          const ports = Object.entries(c.NetworkSettings.Ports ?? {}).flatMap(([p, b]) => (b ?? []).map((x) => `${x.HostPort}→${p}`)).join(', ');
          return (
            <tr key={c.Id} data-state={c.State.Status}>
              <td>{c.Name.replace(/^\//, '')}</td>
              <td>{c.Config.Image}</td>
              <td><span className={`badge state-${c.State.Status}`}>{c.State.Status}</span></td>
              <td>{ports}</td>
              <td>{limits || t('containers.noLimit')}</td>
              <td>{c.State.Running ? '' : String(c.State.ExitCode)}{c.State.OOMKilled ? <span className="badge oom"> {t('containers.oomKilled')}</span> : null}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
