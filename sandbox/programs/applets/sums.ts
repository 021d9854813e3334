// sha256sum, sha1sum, md5sum [-c] [FILE]...: checksums, streamed through the hash.
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Program } from '../../kernel/process.ts';
import { appletName, eachInput, out, parseArgs } from './lib.ts';

const HASHES = { sha256sum: sha256, sha512sum: sha512, sha1sum: sha1, md5sum: md5 } as const;

export const checksum: Program = async (p) => {
  const args = await parseArgs(p, 'bctw');
  if (!args) return 1;
  const algo = HASHES[appletName(p) as keyof typeof HASHES] ?? sha256;
  return eachInput(p, args.operands, async (fd, name) => {
    const h = algo.create();
    for (;;) {
      const c = await p.read(fd);
      if (!c) break;
      h.update(c);
      const t = p.tick(); if (t) await t;
    }
    await out(p, `${bytesToHex(h.digest())}  ${name}\n`);
  });
};
