// Subresource integrity for tarballs, as npm checks them (ssri): the
// strongest algorithm an integrity string names is computed over the bytes
// and compared; a mismatch is npm's EINTEGRITY. Hashing uses the host's
// node:crypto when there is one (found at run time, so the browser bundle
// never imports it), else @noble/hashes.
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { hostHash } from '../../layer/digest.ts';
import { NpmError } from './errors.ts';

type Algo = 'sha512' | 'sha384' | 'sha256' | 'sha1';
const STRENGTH: Algo[] = ['sha512', 'sha384', 'sha256', 'sha1'];
const NOBLE = { sha512, sha384, sha256, sha1 };

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The base64 digest of `data` with `algo`. */
export function digestOf(algo: Algo, data: Uint8Array): string {
  return hostHash(algo)?.update(data).digest('base64') ?? base64(NOBLE[algo](data));
}

/** `sha512-<base64>` for bytes (what npm records for a tarball it computed itself). */
export function integrityOf(data: Uint8Array): string {
  return `sha512-${digestOf('sha512', data)}`;
}

/** The strongest hash an SRI string names, or null when it names none npm knows. */
function strongest(sri: string): { algo: Algo; digest: string } | null {
  const hashes = sri.trim().split(/\s+/).map((h) => {
    const m = /^(sha512|sha384|sha256|sha1)-([A-Za-z0-9+/=]+)(\?.*)?$/.exec(h);
    return m ? { algo: m[1] as Algo, digest: m[2]! } : null;
  }).filter((h): h is { algo: Algo; digest: string } => h !== null);
  hashes.sort((a, b) => STRENGTH.indexOf(a.algo) - STRENGTH.indexOf(b.algo));
  return hashes[0] ?? null;
}

/**
 * Checks bytes against an integrity string; throws npm's EINTEGRITY error.
 * @example checkIntegrity(tgz, 'sha512-…') // throws EINTEGRITY when the bytes differ
 */
export function checkIntegrity(data: Uint8Array, sri: string): void {
  const want = strongest(sri);
  if (!want) return;
  const got = digestOf(want.algo, data);
  if (got === want.digest) return;
  throw new NpmError('EINTEGRITY', [['', `${want.algo}-${want.digest} integrity checksum failed when using ${want.algo}: wanted ${want.algo}-${want.digest} but got ${want.algo}-${got}. (${data.length} bytes)`]]);
}
