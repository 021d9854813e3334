// The Images panel: every image (GET /images/json) with its history as
// layers — what made each layer, its size, which layers images share, the
// files a layer changed, and what the last build took from the cache. It
// follows GET /events (image events, past ones included: the `tag` events
// builds log) and the API traffic (when each POST /build started); see
// image-history.ts for how a build's cache hits are told from its misses.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EngineConnection } from '../engine/connection.ts';
import { useI18n } from '../i18n/index.tsx';
import { ImageCard } from './ImageCard.tsx';
import { buildSeen, buildWindow, layerUsers, type BuildSeen, type TagSeen } from './image-history.ts';
import { loadImages, type InspectCache } from './image-load.ts';
import { followJsonLines } from './json-lines.ts';
import type { EngineEvent } from './useEngineEvents.ts';
import { useDebouncedTick, useLoad } from './use-refresh.ts';
import './panels.css';

const MAX_SEEN = 1000;

export function ImagesPanel({ engine }: { engine: EngineConnection }) {
  const { t } = useI18n();
  const client = engine.client;
  const cache = useRef<InspectCache>(new Map());
  const [tick, bump] = useDebouncedTick();
  const [tags, setTags] = useState<TagSeen[]>([]);
  const [builds, setBuilds] = useState<BuildSeen[]>(() => engine.traffic.flatMap((e) => buildSeen(e) ?? []));

  useEffect(() => followJsonLines<EngineEvent & { timeNano?: number }>(client, '/events', { since: '0', filters: JSON.stringify({ type: ['image'] }) }, (e) => {
    if (e.Action === 'tag' && e.Actor.Attributes.name) {
      const seen: TagSeen = { imageId: e.Actor.ID, name: e.Actor.Attributes.name, at: e.timeNano ? e.timeNano / 1e6 : e.time * 1000 };
      setTags((x) => [...x, seen].slice(-MAX_SEEN));
    }
    bump();
  }), [client, bump]);
  useEffect(() => engine.onTraffic((e) => {
    const b = buildSeen(e);
    if (b) setBuilds((x) => [...x, b].slice(-MAX_SEEN));
  }), [engine]);
  const { value: images, error } = useLoad(() => loadImages(client, cache.current), client, tick);

  const users = useMemo(() => layerUsers((images ?? []).map((i) => ({ id: i.id, diffIds: i.diffIds }))), [images]);
  if (error && !images) return <p className="empty" role="alert">{t('panels.error', { message: error })}</p>;
  if (!images) return <p className="loading">{t('panels.loading')}</p>;
  if (images.length === 0) return <p className="empty">{t('images.none')}</p>;
  return (
    <div className="pn" data-testid="images-panel">
      <p className="hint">{t('images.intro')}</p>
      {images.map((img, i) => (
        <ImageCard key={img.id} client={client} image={img} users={users} window={buildWindow(img.id, tags, builds)} open={i === 0} />
      ))}
    </div>
  );
}
