// Test helper: a docker-archive (what `docker save` writes) of one image made
// of the given layers, with its file names and the manifest's references to
// them open to change — for archives that lie or climb out.
import { sha256Of } from '../../layer/digest.ts';
import { tarOf, type TestEntry } from '../../layer/testing/tar.ts';

export interface CraftedNames {
  /** The config's name in the archive (default blobs/sha256/<digest>). */
  config?: string;
  /** Layer i's name in the archive (default blobs/sha256/<digest>). */
  layer?: (i: number) => string;
  /** More entries (symlinks the manifest goes through, say). */
  extra?: TestEntry[];
  manifestName?: string;
  /** How the manifest names a file of the archive (default: by its name). */
  refs?: (name: string) => string;
}

export async function dockerArchive(tag: string, layers: TestEntry[][], names: CraftedNames = {}): Promise<Uint8Array> {
  const enc = new TextEncoder();
  const blobs = await Promise.all(layers.map((l) => tarOf(l)));
  const config = enc.encode(JSON.stringify({
    architecture: 'amd64', os: 'linux', config: { Cmd: ['sh'] },
    rootfs: { type: 'layers', diff_ids: blobs.map((b) => sha256Of(b)) },
    history: blobs.map(() => ({ created_by: 'crafted' })),
  }));
  const configName = names.config ?? `blobs/sha256/${sha256Of(config).slice(7)}`;
  const layerName = names.layer ?? ((i: number) => `blobs/sha256/${sha256Of(blobs[i]!).slice(7)}`);
  const ref = names.refs ?? ((n: string) => n);
  const manifest = enc.encode(JSON.stringify([{ Config: ref(configName), RepoTags: [tag], Layers: blobs.map((_, i) => ref(layerName(i))) }]));
  return tarOf([
    { name: configName, body: config },
    ...blobs.map((b, i) => ({ name: layerName(i), body: b })),
    ...(names.extra ?? []),
    { name: names.manifestName ?? 'manifest.json', body: manifest },
  ]);
}
