// The API-traffic panel: every Engine API call the terminal's clients (the
// docker CLI, curl on /var/run/docker.sock) and the page's panels made —
// who, method, path, status, time — with the bodies on demand: the
// client–server architecture of Docker, made visible.
import { useEffect, useState } from 'react';
import type { EngineConnection } from '../engine/connection.ts';
import type { TrafficEntry } from '../engine/protocol.ts';
import { useI18n } from '../i18n/index.tsx';
import { terminalClient } from './api-client.ts';

const SHOWN = 300;

export function ApiPanel({ engine }: { engine: EngineConnection }) {
  const { t } = useI18n();
  const [entries, setEntries] = useState<TrafficEntry[]>(() => [...engine.traffic]);
  const [hidePage, setHidePage] = useState(true);
  const [open, setOpen] = useState<number | null>(null);
  const [clearedAt, setClearedAt] = useState(0);
  useEffect(() => engine.onTraffic(() => setEntries([...engine.traffic])), [engine]);
  const shown = entries.filter((e) => e.seq > clearedAt && (!hidePage || e.source === 'cli')).slice(-SHOWN).reverse();
  return (
    <div className="api-panel">
      <div className="toolbar">
        <label><input type="checkbox" checked={hidePage} onChange={(e) => setHidePage(e.target.checked)} /> {t('api.hidePage')}</label>
        <button type="button" onClick={() => setClearedAt(entries[entries.length - 1]?.seq ?? 0)}>{t('api.clear')}</button>
      </div>
      {shown.length === 0 ? <p className="empty">{t('api.none')}</p> : (
        <table className="grid" data-testid="api-table">
          <thead><tr><th /><th>{t('api.method')}</th><th>{t('api.path')}</th><th>{t('api.status')}</th><th>{t('api.time')}</th></tr></thead>
          <tbody>
            {shown.map((e) => (
              <ApiRow key={e.seq} entry={e} open={open === e.seq} toggle={() => setOpen(open === e.seq ? null : e.seq)} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function ApiRow({ entry: e, open, toggle }: { entry: TrafficEntry; open: boolean; toggle(): void }) {
  const { t } = useI18n();
  return (
    <>
      <tr className={e.status >= 400 ? 'error' : ''}>
        <td><span className="badge" title={e.agent ?? undefined}>{e.source === 'page' ? t('api.source.page') : terminalClient(e.agent) ?? t('api.source.cli')}</span></td>
        <td><code>{e.method}</code></td>
        <td><button type="button" className="link" aria-expanded={open} onClick={toggle}><code>{e.path}{e.query ? `?${decodeURIComponent(e.query)}` : ''}</code></button></td>
        <td>{e.status}</td>
        <td>{e.ms < 10 ? e.ms.toFixed(1) : Math.round(e.ms)} ms</td>
      </tr>
      {open ? (
        <tr className="details">
          <td colSpan={5}>
            {e.requestBody ? <><h4>{t('api.request')}</h4><pre>{e.requestBody}</pre></> : null}
            {e.responseBody ? <><h4>{t('api.response')}</h4><pre>{e.responseBody}</pre></> : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}
