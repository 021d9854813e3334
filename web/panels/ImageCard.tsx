// One image in the Images panel: its tags and size, then its history as a
// table of layers — the instruction that made each, its size, whether the
// last build took it from the cache, whether other images share it — and,
// on demand, the files a layer added, changed or deleted (read from the
// image's `docker save` archive the first time they are asked for).
import { useState } from 'react';
import type { EngineClient } from '../../sandbox/index.ts';
import { useI18n } from '../i18n/index.tsx';
import { formatBytes } from './cgroup-stats.ts';
import type { ArchiveLayers, LayerChanges } from './image-archive.ts';
import { cacheVerdict, chainKeys, readableCreatedBy, stepCount, type BuildWindow } from './image-history.ts';
import { layersFromArchive, loadArchive, type ImageView } from './image-load.ts';

const SHOWN_FILES = 200;

type Archive = { state: 'loading' } | { state: 'ready'; value: ArchiveLayers } | { state: 'failed'; message: string };

const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);

export function ImageCard({ client, image, users, window: w, open }: { client: EngineClient; image: ImageView; users: ReadonlyMap<string, number>; window: BuildWindow | null; open: boolean }) {
  const { t, lang } = useI18n();
  const [shown, setShown] = useState<ReadonlySet<number>>(new Set());
  const [archive, setArchive] = useState<Archive | null>(null);
  const keys = chainKeys(image.diffIds);
  // Only a built image (one with a parent, or a build seen tagging it) has steps of its own; a pulled or built-in one is all base.
  const steps = image.parent || w ? stepCount(image.rows) : 0;
  const name = image.tags[0] ?? t('images.untagged');
  const testId = `image-${shortId(image.id)}`;
  const time = (ms: number): string => new Date(ms).toLocaleTimeString(lang);

  const toggle = (i: number): void => {
    const next = new Set(shown);
    if (next.has(i)) next.delete(i); else next.add(i);
    setShown(next);
    if (!archive || archive.state === 'failed') {
      setArchive({ state: 'loading' });
      loadArchive(client, image.id).then((value) => setArchive({ state: 'ready', value }), (e: Error) => setArchive({ state: 'failed', message: e.message }));
    }
  };
  const exact = archive?.state === 'ready' ? layersFromArchive(archive.value, image.rows.length) : null;

  return (
    <details className="pn-card" open={open} data-testid={testId}>
      <summary>
        <h3>{image.tags.length > 0 ? image.tags.join(', ') : t('images.untagged')}</h3>
        <span className="pn-meta"><code>{shortId(image.id)}</code> · {formatBytes(image.size)} · {t('images.layerCount', { count: image.diffIds.length })} · {new Date(image.created * 1000).toLocaleString(lang)}</span>
      </summary>
      {steps > 0 ? (
        <p className="hint" data-testid={`${testId}-cache-note`}>
          {w ? t('images.cacheNote', { tag: w.tag, start: time(w.start), end: time(w.end) }) : t('images.cacheNone', { name: image.tags[0] ?? 'app' })}
        </p>
      ) : null}
      <div className="pn-scroll">
        <table className="grid" aria-label={t('images.history', { name })}>
          <thead>
            <tr><th className="num">{t('images.layer')}</th><th>{t('images.instruction')}</th><th className="num">{t('images.size')}</th><th>{steps > 0 ? t('images.cache') : ''}</th><th>{t('images.files')}</th></tr>
          </thead>
          <tbody>
            {image.rows.map((r, i) => {
              const layer = exact ? exact[i] : image.layerOf[i];
              const sharedBy = typeof layer === 'number' ? users.get(keys[layer] ?? '') ?? 0 : 0;
              const verdict = i < steps ? cacheVerdict(image.stepCreated.get(r.Id), w) : 'base';
              const changes = archive?.state === 'ready' && typeof layer === 'number' ? archive.value.layers[layer] : undefined;
              return (
                <LayerRow key={i} index={i} testId={testId} layer={layer} instruction={readableCreatedBy(r.CreatedBy)} raw={r.CreatedBy} size={r.Size}
                  verdict={steps > 0 ? verdict : null} sharedBy={sharedBy} open={shown.has(i)} toggle={() => toggle(i)} archive={archive} changes={changes} />
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}

interface RowProps {
  index: number; testId: string; layer: number | null | undefined; instruction: string; raw: string; size: number;
  verdict: ReturnType<typeof cacheVerdict>; sharedBy: number; open: boolean; toggle(): void; archive: Archive | null; changes: LayerChanges | null | undefined;
}

function LayerRow(p: RowProps) {
  const { t } = useI18n();
  const verdictText = p.verdict === 'hit' ? t('images.cache.hit') : p.verdict === 'miss' ? t('images.cache.miss') : p.verdict === 'base' ? t('images.cache.base') : '';
  return (
    <>
      <tr data-testid={`${p.testId}-row-${p.index}`}>
        <td className="num">{typeof p.layer === 'number' ? p.layer + 1 : <span className="dim">{p.layer === null ? '–' : '?'}</span>}</td>
        <td className="wrap"><code title={p.raw}>{p.instruction}</code></td>
        <td className="num">{formatBytes(p.size)}</td>
        <td className="wrap-sm">
          {verdictText ? <span className={`badge ${p.verdict}`} data-testid={`${p.testId}-cache-${p.index}`}>{verdictText}</span> : null}{' '}
          {p.sharedBy > 1 ? <span className="badge shared">{t('images.shared', { count: p.sharedBy })}</span> : null}
        </td>
        <td className="wrap-sm">
          {typeof p.layer === 'number' ? (
            <button type="button" className="link" aria-expanded={p.open} onClick={p.toggle} data-testid={`${p.testId}-files-${p.index}`}>
              {p.open ? t('images.files.hide') : t('images.files.show')}
            </button>
          ) : <span className="dim">{p.layer === null ? t('images.noLayer') : t('images.layerUnknown')}</span>}
        </td>
      </tr>
      {p.open ? (
        <tr className="details">
          <td colSpan={5}>
            {!p.archive || p.archive.state === 'loading' ? <p className="hint" role="status">{t('images.files.loading')}</p>
              : p.archive.state === 'failed' ? <p className="hint" role="alert">{t('images.files.failed', { message: p.archive.message })}</p>
                : p.changes ? <FileLists changes={p.changes} testId={`${p.testId}-layer-${p.layer}`} />
                  : <p className="hint">{t('images.files.unreadable')}</p>}
          </td>
        </tr>
      ) : null}
    </>
  );
}

function FileLists({ changes, testId }: { changes: LayerChanges; testId: string }) {
  const { t } = useI18n();
  const groups = [
    ['added', t('images.files.added'), changes.added],
    ['changed', t('images.files.changed'), changes.changed],
    ['deleted', t('images.files.deleted'), changes.deleted],
    ['replaced', t('images.files.replaced'), changes.replaced],
  ] as const;
  if (groups.every(([, , list]) => list.length === 0)) return <p className="hint">{t('images.files.none')}</p>;
  return (
    <div className="pn-files" data-testid={testId}>
      {groups.filter(([, , list]) => list.length > 0).map(([kind, title, list]) => (
        <section key={kind} className={kind} data-testid={`${testId}-${kind}`}>
          <h4>{title} ({list.length})</h4>
          <ul>
            {list.slice(0, SHOWN_FILES).map((f, i) => <li key={i}>{f}</li>)}
            {list.length > SHOWN_FILES ? <li className="dim">{t('images.files.more', { count: list.length - SHOWN_FILES })}</li> : null}
          </ul>
        </section>
      ))}
    </div>
  );
}
