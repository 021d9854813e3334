// Older snapshot formats brought up to the current one (snapshot-format.ts
// has the history). Each step is a pure function from one format to the
// next; a stored machine of any known format restores after an update.
import { contentKey, encodeLogs } from './snapshot-blobs.ts';
import { fromBase64, SNAPSHOT_FORMAT, SnapshotError, type AnySnapshot, type BlobKey, type EngineSnapshot, type SnapshotV1 } from './snapshot-format.ts';

/**
 * A stored snapshot of any known format, as the current format.
 * @example migrateSnapshot(storedV1).format // 2
 */
export function migrateSnapshot(raw: AnySnapshot): EngineSnapshot {
  const format = (raw as { format?: unknown } | null)?.format;
  if (format === SNAPSHOT_FORMAT) return raw as EngineSnapshot;
  if (format === 1) return fromV1(raw as SnapshotV1);
  if (typeof format === 'number' && format > SNAPSHOT_FORMAT) {
    throw new SnapshotError(`the saved playground was written by a newer version of the playground (format ${format}; this one reads up to ${SNAPSHOT_FORMAT}): reload the page to get the newer version, or reset the playground`);
  }
  throw new SnapshotError(`the saved playground has an unknown format (${JSON.stringify(format)})`);
}

/** 1 → 2: inline base64 trees and logs become blobs; what format 1 did not record takes Docker's defaults. */
function fromV1(v1: SnapshotV1): EngineSnapshot {
  const blobs = new Map<BlobKey, Uint8Array>();
  const put = (bytes: Uint8Array, key = contentKey(bytes)): BlobKey => { blobs.set(key, bytes); return key; };
  const enc = new TextEncoder();
  return {
    format: SNAPSHOT_FORMAT,
    takenAt: v1.takenAt,
    blobs,
    manifest: {
      workspace: v1.workspace ? { path: v1.workspace.path, tree: put(fromBase64(v1.workspace.tree)) } : null,
      layers: v1.layers.map((l) => ({ chainId: l.chainId, diffId: l.diffId, parent: l.parent, tree: put(fromBase64(l.tree), `layer:${l.chainId}`) })),
      images: v1.images.map((i) => ({ id: i.id, config: put(enc.encode(i.config), `config:${i.id}`), top: i.top, parent: i.parent, inStore: true })),
      tags: v1.tags,
      untagged: [],
      removedBuiltins: [],
      buildCache: [],
      networks: [],
      volumes: v1.volumes.map((v) => ({ ...v, seeded: true, tree: put(fromBase64(v.tree)) })),
      containers: v1.containers.map((c) => ({
        ...c,
        upper: put(fromBase64(c.upper)),
        logs: put(encodeLogs(c.logs.map((l) => ({ stream: l.stream, time: l.time, data: fromBase64(l.data) })))),
        connected: c.network ? [[c.network.mode, []]] : [],
        autoRemove: false,
        stoppedByUser: false,
      })),
    },
  };
}
