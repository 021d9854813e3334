// The workspace menu in the top bar: share the workspace as a link, export
// it as a zip, import a zip — and, when the page was opened from a share
// link, load the files it carries (after asking, since it overwrites).
import { useEffect, useRef, useState } from 'react';
import type { EngineConnection } from '../engine/connection.ts';
import { useI18n } from '../i18n/index.tsx';
import { readWorkspace, writeWorkspace } from './workspace-io.ts';

// Links and archives (and their compression library) load when first used.
const share = (): Promise<typeof import('./share.ts')> => import('./share.ts');
const zip = (): Promise<typeof import('./zip.ts')> => import('./zip.ts');

export function WorkspaceMenu({ engine }: { engine: EngineConnection }) {
  const { t } = useI18n();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string; link?: string } | null>(null);
  const upload = useRef<HTMLInputElement>(null);
  const fail = (e: unknown): void => setMessage({ kind: 'error', text: e instanceof Error ? e.message : String(e) });

  useEffect(() => {
    if (!location.hash.startsWith('#share=')) return;
    void (async () => {
      const shared = (await share()).decodeShare(location.hash);
      if (!shared) return;
      await engine.ready;
      if (!confirm(t('share.confirmLoad', { count: shared.length }))) return;
      await writeWorkspace(engine, shared);
      history.replaceState(null, '', location.pathname + location.search);
      setMessage({ kind: 'ok', text: t('share.loaded', { count: shared.length }) });
    })().catch(fail);
  }, [engine, t]);

  const shareLink = async (): Promise<void> => {
    try {
      const link = `${location.origin}${location.pathname}${location.search}#${(await share()).encodeShare(await readWorkspace(engine))}`;
      try { await navigator.clipboard.writeText(link); setMessage({ kind: 'ok', text: t('share.copied'), link }); } catch { setMessage({ kind: 'ok', text: t('share.ready'), link }); }
    } catch (e) { fail(e); }
  };
  const download = async (): Promise<void> => {
    try {
      const blob = new Blob([(await zip()).exportZip(await readWorkspace(engine)) as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = 'workspace.zip';
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } catch (e) { fail(e); }
  };
  const load = async (file: File): Promise<void> => {
    try {
      const files = (await zip()).importZip(new Uint8Array(await file.arrayBuffer()));
      if (!confirm(t('share.confirmImport', { count: files.length, name: file.name }))) return;
      await writeWorkspace(engine, files);
      setMessage({ kind: 'ok', text: t('share.imported', { count: files.length }) });
    } catch (e) { fail(e); }
  };

  return (
    <div className="workspace-menu">
      <button type="button" onClick={() => void shareLink()} data-testid="share">{t('share.share')}</button>
      <button type="button" onClick={() => void download()}>{t('share.export')}</button>
      <button type="button" onClick={() => upload.current?.click()}>{t('share.import')}</button>
      <input ref={upload} type="file" accept=".zip,application/zip" hidden onChange={(e) => { const f = e.target.files?.[0]; if (f) void load(f); e.target.value = ''; }} />
      {message ? (
        <div className={`toast ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="workspace-message">
          {message.text}
          {message.link ? <input readOnly value={message.link} aria-label={t('share.link')} onFocus={(e) => e.target.select()} data-testid="share-link" /> : null}
          <button type="button" onClick={() => setMessage(null)} aria-label={t('share.dismiss')}>×</button>
        </div>
      ) : null}
    </div>
  );
}
