// npm's cache folder (~/.npm/_cacache), written as cacache writes it, so a
// `RUN npm install` layer holds what npm leaves behind (and `npm cache clean
// --force` has something to clean): each response body under
// content-v2/sha512/<2>/<2>/<rest of the hex digest>, and an index line per
// request under index-v5/<sha256 of the key, split 2/2/rest>: the sha1 of
// the entry's JSON, a tab, the JSON ({ key, integrity, time, size,
// metadata }). Keys are make-fetch-happen's (`make-fetch-happen:
// request-cache:<url>`).
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { TreeFs } from '../../fs/tree-fs.ts';

const enc = new TextEncoder();

/** A base64 digest (an integrity's) as the hex its content path spells. */
export function b64ToHex(b64: string): string {
  return bytesToHex(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
}

export interface CacheWriter {
  /** Stores a fetched body under its URL (integrity: the body's `sha512-…`). */
  put(url: string, body: Uint8Array, integrity: string, contentType: string): void;
}

/** A writer into `<cacheDir>/_cacache` as the user npm runs as; a write that fails (no space, no permission) is skipped, as npm's cache is best-effort. */
export function cacheWriter(fs: TreeFs, cacheDir: string, creds: { uid: number; gid: number }, now: () => number): CacheWriter {
  const root = `${cacheDir}/_cacache`;
  const mkdirs = (dir: string): void => { if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true, mode: 0o755, uid: creds.uid, gid: creds.gid }); };
  return {
    put(url, body, integrity, contentType) {
      const m = /^sha512-([A-Za-z0-9+/=]+)/.exec(integrity);
      if (!m) return;
      try {
        const hex = b64ToHex(m[1]!);
        const content = `${root}/content-v2/sha512/${hex.slice(0, 2)}/${hex.slice(2, 4)}`;
        mkdirs(content);
        if (!fs.existsSync(`${content}/${hex.slice(4)}`)) fs.writeFileSync(`${content}/${hex.slice(4)}`, body, { mode: 0o444, uid: creds.uid, gid: creds.gid });
        const key = `make-fetch-happen:request-cache:${url}`;
        const time = now();
        const entry = JSON.stringify({
          key, integrity, time, size: body.length,
          metadata: { time, url, reqHeaders: {}, resHeaders: { 'content-type': contentType, date: new Date(time).toUTCString() }, options: { compress: true } },
        });
        const bucket = bytesToHex(sha256(enc.encode(key)));
        const dir = `${root}/index-v5/${bucket.slice(0, 2)}/${bucket.slice(2, 4)}`;
        mkdirs(dir);
        fs.writeFileSync(`${dir}/${bucket.slice(4)}`, `\n${bytesToHex(sha1(enc.encode(entry)))}\t${entry}`, { flag: 'a', mode: 0o644, uid: creds.uid, gid: creds.gid });
      } catch { /* the cache is best-effort */ }
    },
  };
}
