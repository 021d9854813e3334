// sha256 digests, the engine's content addresses (`sha256:<64 hex>`).
// Incremental hashing uses the host's native implementation where there is
// one (node:crypto, found at run time so the browser bundle never imports
// it) and @noble/hashes in the browser, where WebCrypto cannot hash a stream.
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export type Digest = `sha256:${string}`;

export interface Sha256 {
  update(chunk: Uint8Array): void;
  /** The digest as `sha256:<hex>`; the hasher cannot be used afterwards. */
  digest(): Digest;
}

/** A hash from the host's node:crypto. */
export interface HostHash { update(d: Uint8Array): HostHash; digest(enc: 'hex' | 'base64'): string }
interface NodeCrypto { createHash(alg: string): HostHash }

const nodeCrypto: NodeCrypto | undefined = (() => {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    return proc?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
  } catch {
    return undefined;
  }
})();

/** A new hash of the host's node:crypto (e.g. 'sha512'), or undefined where there is none (the browser). */
export function hostHash(alg: 'sha1' | 'sha256' | 'sha384' | 'sha512'): HostHash | undefined {
  return nodeCrypto?.createHash(alg);
}

/** A new incremental sha256. */
export function createSha256(): Sha256 {
  if (nodeCrypto) {
    const h = nodeCrypto.createHash('sha256');
    return { update: (c) => void h.update(c), digest: () => `sha256:${h.digest('hex')}` };
  }
  const h = nobleSha256.create();
  return { update: (c) => void h.update(c), digest: () => `sha256:${bytesToHex(h.digest())}` };
}

const encoder = new TextEncoder();

/** sha256 of bytes or a string (UTF-8). `sha256Of('')` → `sha256:e3b0c4…`. */
export function sha256Of(data: Uint8Array | string): Digest {
  const h = createSha256();
  h.update(typeof data === 'string' ? encoder.encode(data) : data);
  return h.digest();
}

export function isDigest(s: string): s is Digest {
  return /^sha256:[0-9a-f]{64}$/.test(s);
}

/** The hex part of a digest. */
export function hexOf(d: Digest): string {
  return d.slice('sha256:'.length);
}
