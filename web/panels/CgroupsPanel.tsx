// The cgroups panel: for every running container, what its cgroup allows
// and what it uses, live — memory against memory.max, CPU against the
// --cpus quota (with the periods the quota throttled it), pids against
// pids.max — from GET /containers/{id}/stats?stream=true, the stream
// `docker stats` reads. OOM kills (GET /events, container `oom`) and the
// moments the quota starts throttling a container are listed as they happen.
import { useCallback, useEffect, useState } from 'react';
import type { EngineClient } from '../../sandbox/index.ts';
import { useI18n } from '../i18n/index.tsx';
import { CgroupCard, type CgroupContainer } from './CgroupCard.tsx';
import type { Throttling } from './cgroup-stats.ts';
import { followJsonLines } from './json-lines.ts';
import type { EngineEvent } from './useEngineEvents.ts';
import { useEventTick, useLoad } from './use-refresh.ts';
import './panels.css';

const MAX_EVENTS = 100;
/** Throttling reported again within this time continues the same event. */
const CONTINUES_MS = 3000;

interface CgEvent { kind: 'oom' | 'throttle'; name: string; at: number; until: number; periods: number; timeNs: number }

export function CgroupsPanel({ client }: { client: EngineClient }) {
  const { t, lang } = useI18n();
  const [events, setEvents] = useState<CgEvent[]>([]);
  const [tick] = useEventTick(client, ['container']);
  const { value: list, error } = useLoad(async () => {
    const running = await client.json<Array<{ Id: string }>>('GET', '/containers/json');
    return Promise.all(running.map((c) => client.json<CgroupContainer>('GET', `/containers/${c.Id}/json`)));
  }, client, tick);

  useEffect(() => followJsonLines<EngineEvent>(client, '/events', { since: '0', filters: JSON.stringify({ type: ['container'], event: ['oom'] }) }, (e) => {
    const at = e.time * 1000;
    const name = e.Actor.Attributes.name ?? e.Actor.ID.slice(0, 12);
    setEvents((x) => [...x, { kind: 'oom' as const, name, at, until: at, periods: 0, timeNs: 0 }].slice(-MAX_EVENTS));
  }), [client]);

  const onThrottle = useCallback((name: string, th: Throttling) => {
    const now = Date.now();
    setEvents((x) => {
      const last = [...x].reverse().find((e) => e.name === name && e.kind === 'throttle');
      if (last && now - last.until < CONTINUES_MS) {
        return x.map((e) => (e === last ? { ...e, until: now, periods: e.periods + th.periods, timeNs: e.timeNs + th.timeNs } : e));
      }
      return [...x, { kind: 'throttle' as const, name, at: now, until: now, periods: th.periods, timeNs: th.timeNs }].slice(-MAX_EVENTS);
    });
  }, []);

  if (!list) return <p className={error ? 'empty' : 'loading'} role={error ? 'alert' : undefined}>{error ? t('panels.error', { message: error }) : t('panels.loading')}</p>;
  const time = (ms: number): string => new Date(ms).toLocaleTimeString(lang);
  return (
    <div className="pn" data-testid="cgroups-panel">
      <section className="pn-card" aria-labelledby="cg-events">
        <h3 id="cg-events">{t('cgroups.events')}</h3>
        {events.length === 0 ? <p className="hint">{t('cgroups.noEvents')}</p> : null}
        <ul className="pn-events" aria-live="polite" data-testid="cgroup-events">
          {[...events].reverse().map((e, i) => (
            <li key={`${e.kind}-${e.name}-${e.at}-${i}`} className={e.kind} data-testid={`cgroup-event-${e.kind}`}>
              <time>{time(e.at)}</time>
              {e.kind === 'oom' ? t('cgroups.event.oom', { name: e.name }) : t('cgroups.event.throttle', { name: e.name, periods: e.periods, ms: Math.round(e.timeNs / 1e6) })}
            </li>
          ))}
        </ul>
      </section>
      {list.length === 0 ? <p className="empty">{t('cgroups.none')}</p> : list.map((c) => <CgroupCard key={c.Id} client={client} c={c} onThrottle={onThrottle} />)}
    </div>
  );
}
