// gzip for layer blobs and tarballs, through the host's DecompressionStream
// (browsers and Node both have it), with a cap on the output so a small
// "gzip bomb" cannot exhaust the tab's memory.

export class GzipError extends Error {
  override name = 'GzipError';
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Decompresses gzip data; throws GzipError past `maxBytes` or on corrupt input. */
export async function gunzip(bytes: Uint8Array, maxBytes = 1024 ** 3): Promise<Uint8Array> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value!.length;
      if (size > maxBytes) throw new GzipError(`decompressed data is larger than the ${maxBytes}-byte limit`);
      parts.push(value!);
    }
  } catch (e) {
    if (e instanceof GzipError) throw e;
    throw new GzipError(`invalid gzip data: ${(e as Error).message}`);
  } finally {
    reader.releaseLock();
  }
  const out = new Uint8Array(size);
  let off = 0;
  for (const p of parts) { out.set(p, off); off += p.length; }
  return out;
}

/** Compresses with gzip (the host's CompressionStream). */
export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip')).getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value!);
    size += value!.length;
  }
  const out = new Uint8Array(size);
  let off = 0;
  for (const p of parts) { out.set(p, off); off += p.length; }
  return out;
}
