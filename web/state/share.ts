// Share links: the workspace's files, deflated and base64url-encoded in the
// URL's fragment (`#share=…`), so a link carries the work without any
// server — and the fragment never reaches one. Opening a link checks every
// path before anything is written.
import { strFromU8, strToU8, unzlibSync, zlibSync } from 'fflate';
import { checkFiles, type WorkspaceFile } from './workspace-files.ts';

const PREFIX = 'share=';
/** Links longer than this do not survive most chat tools and browsers. */
export const MAX_LINK_CHARS = 64 * 1024;

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
  return out;
}

/** The fragment for `files` (`share=…`); throws when the link would be too long. */
export function encodeShare(files: WorkspaceFile[]): string {
  const doc = { v: 1, files: files.map((f) => ({ p: f.path, d: toBase64Url(f.data) })) };
  const packed = `${PREFIX}${toBase64Url(zlibSync(strToU8(JSON.stringify(doc)), { level: 9 }))}`;
  if (packed.length > MAX_LINK_CHARS) throw new Error(`the workspace is too large for a link (${Math.round(packed.length / 1024)} KB); export it as a zip instead`);
  return packed;
}

/** The files a fragment carries, or null when it is not a share link. Throws on a damaged or unsafe link. */
export function decodeShare(hash: string): WorkspaceFile[] | null {
  const fragment = hash.replace(/^#/, '');
  if (!fragment.startsWith(PREFIX)) return null;
  let doc: unknown;
  try {
    doc = JSON.parse(strFromU8(unzlibSync(fromBase64Url(fragment.slice(PREFIX.length)), { out: undefined })));
  } catch {
    throw new Error('the shared link is damaged (it may have been cut short)');
  }
  const d = doc as { v?: unknown; files?: unknown };
  if (d.v !== 1 || !Array.isArray(d.files)) throw new Error('the shared link is from an unknown version of the playground');
  return checkFiles(d.files.map((f: { p?: unknown; d?: unknown }) => {
    if (typeof f.p !== 'string' || typeof f.d !== 'string') throw new Error('the shared link is damaged');
    return { path: f.p, data: fromBase64Url(f.d) };
  }));
}
