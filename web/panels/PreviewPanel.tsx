// The preview pane: what a container serves on a published port, as a
// browser on the host would show http://localhost:PORT — the request goes
// through the preview Service Worker to this tab's engine, never to the
// network. The frame's sandbox keeps allow-same-origin: without it the page
// is no client of the worker and nothing it loads reaches the container
// (web/preview/bridge.ts) — and, with allow-scripts, the sandbox is no
// boundary for the page's scripts: they share the playground's origin.
import { useEffect, useState } from 'react';
import type { EngineConnection } from '../engine/connection.ts';
import { useI18n } from '../i18n/index.tsx';
import { previewReady, previewUrl } from '../preview/bridge.ts';
import { useLive } from './useEngineEvents.ts';

interface Summary { Names: string[]; Ports: Array<{ PrivatePort: number; PublicPort?: number; Type: string }> }

export function PreviewPanel({ engine, port: wanted }: { engine: EngineConnection; port?: number }) {
  const { t } = useI18n();
  const [ready, setReady] = useState<'wait' | 'ok' | 'none'>('wait');
  const [port, setPort] = useState<number | null>(wanted ?? null);
  const [nonce, setNonce] = useState(0);
  const published = useLive(engine.client, async () => {
    const list = await engine.client.json<Summary[]>('GET', '/containers/json');
    return list.flatMap((c) => c.Ports.filter((p) => p.PublicPort && p.Type === 'tcp').map((p) => ({ port: p.PublicPort!, name: c.Names[0]!.replace(/^\//, ''), target: p.PrivatePort })));
  }, ['container']);
  useEffect(() => { void previewReady(engine).then((r) => setReady(r ? 'ok' : 'none')); }, [engine]);
  useEffect(() => { if (wanted) setPort(wanted); }, [wanted]);
  useEffect(() => {
    if (port === null && published && published.length > 0) setPort(published[0]!.port);
  }, [published, port]);
  if (ready === 'none') return <p className="empty">{t('preview.unavailable')}</p>;
  if (!published || published.length === 0) return <p className="empty">{t('preview.none')}</p>;
  return (
    <div className="preview">
      <div className="toolbar">
        <label>{t('preview.port')}{' '}
          <select value={port ?? ''} onChange={(e) => setPort(Number(e.target.value))} data-testid="preview-port">
            {published.map((p) => <option key={p.port} value={p.port}>{`localhost:${p.port} → ${p.name}:${p.target}`}</option>)}
          </select>
        </label>
        <button type="button" onClick={() => setNonce((n) => n + 1)}>{t('preview.reload')}</button>
      </div>
      {ready === 'ok' && port !== null ? (
        <iframe key={`${port}-${nonce}`} title={t('preview.title', { port })} src={previewUrl(port)} className="preview-frame" data-testid="preview-frame" sandbox="allow-scripts allow-forms allow-same-origin" />
      ) : <p className="loading">{t('preview.starting')}</p>}
    </div>
  );
}
