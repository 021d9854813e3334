// OCI manifests and indexes for an image: how `docker save` describes the
// config and layer blobs it writes. Layers are stored uncompressed, as
// Docker's own image store and `docker save` keep them.
import { sha256Of, type Digest } from '../layer/digest.ts';

export const MEDIA = {
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  index: 'application/vnd.oci.image.index.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar',
} as const;

export interface Descriptor {
  mediaType: string;
  digest: Digest;
  size: number;
  annotations?: Record<string, string>;
}

export interface OciManifest {
  schemaVersion: 2;
  mediaType: typeof MEDIA.manifest;
  config: Descriptor;
  layers: Descriptor[];
}

const encoder = new TextEncoder();

/** A manifest for a config blob and its layer blobs, with its own bytes and digest. */
export function buildManifest(configBytes: Uint8Array, layers: Array<{ digest: Digest; size: number }>) {
  const manifest: OciManifest = {
    schemaVersion: 2,
    mediaType: MEDIA.manifest,
    config: { mediaType: MEDIA.config, digest: sha256Of(configBytes), size: configBytes.length },
    layers: layers.map((l) => ({ mediaType: MEDIA.layer, digest: l.digest, size: l.size })),
  };
  const bytes = encoder.encode(JSON.stringify(manifest));
  return { manifest, bytes, digest: sha256Of(bytes) };
}
