// The preview pane: what a container serves on a published port, as a
// browser on the host would show http://localhost:PORT — the request goes
// through the preview Service Worker to this tab's engine, never to the
// network. Where a preview origin is known the frame shows that origin
// (web/preview/preview-origin.ts), and the container's page cannot reach
// this page; otherwise it shares this page's origin (the known limit in
// web/preview/same-origin.ts). The frame's sandbox keeps allow-same-origin
// either way: without it the page is no client of the worker and nothing it
// loads reaches the container.
import { useEffect, useState } from 'react';
import type { EngineConnection } from '../engine/connection.ts';
import { useI18n } from '../i18n/index.tsx';
import { currentPage, openPreviewTab, previewReady, previewUrl, type PreviewState } from '../preview/bridge.ts';
import { useLive } from './useEngineEvents.ts';

interface Summary { Names: string[]; Ports: Array<{ PrivatePort: number; PublicPort?: number; Type: string }> }

export function PreviewPanel({ engine, port: wanted }: { engine: EngineConnection; port?: number }) {
  const { t } = useI18n();
  const [ready, setReady] = useState<PreviewState | null>(null);
  const [port, setPort] = useState<number | null>(wanted ?? null);
  const [nonce, setNonce] = useState(0);
  const [blocked, setBlocked] = useState(false);
  const published = useLive(engine.client, async () => {
    const list = await engine.client.json<Summary[]>('GET', '/containers/json');
    return list.flatMap((c) => c.Ports.filter((p) => p.PublicPort && p.Type === 'tcp').map((p) => ({ port: p.PublicPort!, name: c.Names[0]!.replace(/^\//, ''), target: p.PrivatePort })));
  }, ['container']);
  useEffect(() => { void previewReady(engine).then(setReady); }, [engine]);
  useEffect(() => { if (wanted) setPort(wanted); }, [wanted]);
  useEffect(() => {
    if (port === null && published && published.length > 0) setPort(published[0]!.port);
  }, [published, port]);
  if (ready?.kind === 'unavailable') return <p className="empty">{t('preview.unavailable')}</p>;
  if (!published || published.length === 0) return <p className="empty">{t('preview.none')}</p>;
  const canOpen = (ready?.kind === 'ready' || ready?.kind === 'failed') && port !== null;
  return (
    <div className="preview">
      <div className="toolbar">
        <label>{t('preview.port')}{' '}
          <select value={port ?? ''} onChange={(e) => setPort(Number(e.target.value))} data-testid="preview-port">
            {published.map((p) => <option key={p.port} value={p.port}>{`localhost:${p.port} → ${p.name}:${p.target}`}</option>)}
          </select>
        </label>
        {ready?.kind !== 'failed' && <button type="button" onClick={() => setNonce((n) => n + 1)}>{t('preview.reload')}</button>}
        {canOpen && (
          <button type="button" title={t('preview.openTabHint', { origin: ready.origin })} data-testid="preview-open-tab"
            onClick={() => setBlocked(!openPreviewTab(port, currentPage(port)))}>{t('preview.openTab')}</button>
        )}
        {blocked && <span role="status">{t('preview.openTabBlocked')}</span>}
      </div>
      {ready?.kind === 'ready' && ready.refused && (
        <p className="empty" data-testid="preview-same-origin">
          {t('preview.sameOriginFallback', { origin: ready.refused.origin, detail: ready.refused.detail })}
          {ready.refused.suggest && <>{' '}<a href={ready.refused.suggest}>{t('preview.sameOriginHint', { url: ready.refused.suggest })}</a></>}
        </p>
      )}
      {ready?.kind === 'failed' && <p className="empty" role="alert" data-testid="preview-failed">{t('preview.originFailed', { origin: ready.origin, detail: ready.detail })}</p>}
      {ready?.kind === 'ready' && port !== null && (
        <iframe key={`${port}-${nonce}`} title={t('preview.title', { port })} src={previewUrl(port)} className="preview-frame" data-testid="preview-frame" sandbox="allow-scripts allow-forms allow-same-origin" />
      )}
      {(ready === null || port === null) && <p className="loading">{t('preview.starting')}</p>}
    </div>
  );
}
