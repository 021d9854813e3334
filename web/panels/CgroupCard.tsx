// One running container in the cgroups panel: its stats stream followed
// while shown, and three bars — memory against its limit, CPU against its
// quota, pids against pids.max — with the counters behind them (peak
// memory, OOM kills, throttled periods). The limits show as soon as the
// container's inspect is known; the usage once the first sample arrives.
import { useEffect, useState } from 'react';
import type { EngineClient } from '../../sandbox/index.ts';
import { useI18n } from '../i18n/index.tsx';
import { cpuLimit, cpuPercent, formatBytes, memoryUsed, throttlingSince, type StatsSample, type Throttling } from './cgroup-stats.ts';
import { followJsonLines } from './json-lines.ts';

export interface CgroupContainer {
  Id: string;
  Name: string;
  Config: { Image: string };
  HostConfig: { Memory?: number; NanoCpus?: number; CpuQuota?: number; CpuPeriod?: number; PidsLimit?: number | null };
}

function Meter({ value, max, label, testId }: { value: number; max: number; label: string; testId: string }) {
  const ratio = max > 0 ? Math.min(1, value / max) : 0;
  return (
    <div className={`pn-meter${ratio >= 0.98 ? ' full' : ratio >= 0.8 ? ' warn' : ''}`} role="meter" aria-label={label}
      aria-valuemin={0} aria-valuemax={max} aria-valuenow={Math.min(value, max)} data-testid={testId}>
      <span style={{ width: `${(ratio * 100).toFixed(1)}%` }} />
    </div>
  );
}

const pct = (n: number): string => `${n < 10 ? n.toFixed(1) : Math.round(n)}%`;

export function CgroupCard({ client, c, onThrottle }: { client: EngineClient; c: CgroupContainer; onThrottle(name: string, th: Throttling): void }) {
  const { t } = useI18n();
  const name = c.Name.replace(/^\//, '');
  const [s, setS] = useState<StatsSample | null>(null);
  const [ended, setEnded] = useState(false);
  useEffect(() => followJsonLines<StatsSample>(client, `/containers/${c.Id}/stats`, { stream: true }, (x) => {
    setS(x);
    const th = throttlingSince(x);
    if (th) onThrottle(name, th);
  }, () => setEnded(true)), [client, c.Id, name, onThrottle]);

  const tid = `cgroup-${name}`;
  const memLimit = c.HostConfig.Memory || 0;
  const limit = memLimit || s?.memory_stats.limit || 0;
  const used = s ? memoryUsed(s) : 0;
  const cpus = cpuLimit(c.HostConfig);
  const online = s?.cpu_stats.online_cpus || 0;
  const cpuMax = cpus !== null ? cpus * 100 : online * 100;
  const cpu = s ? cpuPercent(s) : 0;
  const th = s?.cpu_stats.throttling_data;
  const pids = s?.pids_stats.current ?? 0;
  const pidsMax = s?.pids_stats.limit ?? (c.HostConfig.PidsLimit && c.HostConfig.PidsLimit > 0 ? c.HostConfig.PidsLimit : 0);
  const oomKills = s?.memory_stats.stats?.oom_kill ?? 0;

  return (
    <section className="pn-card" data-testid={tid} aria-labelledby={`${tid}-title`}>
      <div className="pn-head">
        <h3 id={`${tid}-title`}>{name}</h3>
        <span className="pn-meta">{c.Config.Image} · <code>{c.Id.slice(0, 12)}</code></span>
        {oomKills > 0 ? <span className="badge bad" data-testid={`${tid}-oom`}>{t('cgroups.oomKills', { count: oomKills })}</span> : null}
      </div>
      {!s ? <p className="hint" role="status">{ended ? t('cgroups.ended') : t('cgroups.waiting')}</p> : null}
      <div className="pn-metrics">
        <div className="pn-metric">
          <div className="label">
            <strong>{t('cgroups.memory')}</strong>
            <span>{s ? formatBytes(used) : '…'} / <span data-testid={`${tid}-memory-limit`}>{memLimit ? formatBytes(memLimit) : limit ? t('cgroups.hostLimit', { size: formatBytes(limit) }) : t('cgroups.noLimit')}</span></span>
          </div>
          <Meter value={used} max={limit} label={t('cgroups.memory')} testId={`${tid}-memory`} />
          {s?.memory_stats.max_usage !== undefined ? <span className="pn-meta">{t('cgroups.peak', { size: formatBytes(s.memory_stats.max_usage) })}</span> : null}
        </div>
        <div className="pn-metric">
          <div className="label">
            <strong>{t('cgroups.cpu')}</strong>
            <span data-testid={`${tid}-cpu`}>{s ? pct(cpu) : '…'} / {cpus !== null ? t('cgroups.cpuQuota', { pct: pct(cpuMax), cpus }) : online ? t('cgroups.cpuNoQuota', { pct: pct(cpuMax), cpus: online }) : '…'}</span>
          </div>
          <Meter value={cpu} max={cpuMax} label={t('cgroups.cpu')} testId={`${tid}-cpu-meter`} />
          {th && cpus !== null ? <span className="pn-meta" data-testid={`${tid}-throttled`}>{t('cgroups.throttled', { throttled: th.throttled_periods, periods: th.periods, ms: Math.round(th.throttled_time / 1e6) })}</span> : null}
        </div>
        <div className="pn-metric">
          <div className="label">
            <strong>{t('cgroups.pids')}</strong>
            <span data-testid={`${tid}-pids`}>{s ? pids : '…'} / {pidsMax ? pidsMax : t('cgroups.noLimit')}</span>
          </div>
          {pidsMax ? <Meter value={pids} max={pidsMax} label={t('cgroups.pids')} testId={`${tid}-pids-meter`} /> : null}
        </div>
      </div>
    </section>
  );
}
