// Share links and zip archives carry the workspace's files intact, and
// refuse what could escape the workspace.
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare } from './share.ts';
import { exportZip, importZip } from './zip.ts';
import { strToU8, zipSync, zlibSync } from 'fflate';

const files = [
  { path: 'Dockerfile', data: strToU8('FROM busybox\nCMD ["echo", "¡hola!"]\n') },
  { path: 'app/server.js', data: strToU8('require("http").createServer((q, r) => r.end("ok")).listen(3000);\n') },
  { path: 'bin/blob', data: new Uint8Array([0, 255, 1, 254]) },
];
const text = (fs: Array<{ path: string; data: Uint8Array }>): Array<[string, number[]]> => fs.map((f) => [f.path, [...f.data]]);

describe('share links', () => {
  it('round-trip the files through the fragment', () => {
    const hash = `#${encodeShare(files)}`;
    expect(hash).toMatch(/^#share=[A-Za-z0-9_-]+$/);
    expect(text(decodeShare(hash)!)).toEqual(text(files));
  });

  it('ignore other fragments, and refuse damaged or unsafe links', () => {
    expect(decodeShare('#lesson=05')).toBeNull();
    expect(() => decodeShare('#share=AAAA')).toThrow('the shared link is damaged');
    for (const path of ['../etc/passwd', '/etc/passwd', 'a/../../b', 'x\u0000y', '']) {
      const doc = JSON.stringify({ v: 1, files: [{ p: path, d: '' }] });
      const packed = `#share=${btoa(String.fromCharCode(...zlibSync(strToU8(doc)))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
      expect(() => decodeShare(packed)).toThrow(/unsafe path/);
    }
  });
});

describe('zip archives', () => {
  it('round-trip the files', () => {
    expect(text(importZip(exportZip(files)))).toEqual(text(files));
  });

  it('refuse entries that escape the workspace, and files that are not zips', () => {
    expect(() => importZip(zipSync({ '../evil.sh': strToU8('x') }))).toThrow('unsafe path');
    expect(() => importZip(strToU8('not a zip'))).toThrow('not a zip archive');
  });
});
