// The hashing behind the guest's `crypto` module, run by the host (where it
// is compiled JavaScript, not interpreted by QuickJS): digests, HMACs,
// PBKDF2, HKDF and scrypt from @noble/hashes, under the names OpenSSL gives
// them in Node (`sha256`, `SHA256`, `sha-256`, `RSA-SHA256`, `sha256WithRSAEncryption`).
// Short inputs are digested in one call; a hash fed more than the guest
// buffers keeps its state here, by number, until digest() — a bounded
// table that goes with the process.
import { blake2b, blake2s } from '@noble/hashes/blake2.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { md5, ripemd160, sha1 } from '@noble/hashes/legacy.js';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { scrypt } from '@noble/hashes/scrypt.js';
import { sha224, sha256, sha384, sha512, sha512_224, sha512_256 } from '@noble/hashes/sha2.js';
import { sha3_224, sha3_256, sha3_384, sha3_512, shake128, shake256 } from '@noble/hashes/sha3.js';
import { SysCallError } from './sys-error.ts';

import type { CHash } from '@noble/hashes/utils.js';

interface Incremental { update(data: Uint8Array): Incremental; digest(): Uint8Array; clone(): Incremental }
type HashFn = CHash;

/** SHAKE at Node's default output length (16 bytes for shake128, 32 for shake256). */
const shake = (fn: typeof shake128, dkLen: number): HashFn => Object.assign((d: Uint8Array) => fn(d, { dkLen }), {
  create: () => fn.create({ dkLen }), outputLen: dkLen, blockLen: fn.blockLen, canXOF: false,
}) as unknown as HashFn;

/** Digests by the name Node lists them under (crypto.getHashes()). */
const HASHES = new Map<string, HashFn>([
  ['md5', md5], ['sha1', sha1], ['ripemd160', ripemd160],
  ['sha224', sha224], ['sha256', sha256], ['sha384', sha384], ['sha512', sha512],
  ['sha512-224', sha512_224], ['sha512-256', sha512_256],
  ['sha3-224', sha3_224], ['sha3-256', sha3_256], ['sha3-384', sha3_384], ['sha3-512', sha3_512],
  ['shake128', shake(shake128, 16)], ['shake256', shake(shake256, 32)],
  ['blake2b512', blake2b], ['blake2s256', blake2s],
] as Array<[string, HashFn]>);

/** OpenSSL's other names for the same digests. */
const ALIASES = new Map([
  ['sha-1', 'sha1'], ['ssl3-sha1', 'sha1'], ['ssl3-md5', 'md5'], ['ripemd', 'ripemd160'], ['rmd160', 'ripemd160'],
  ['sha-224', 'sha224'], ['sha-256', 'sha256'], ['sha-384', 'sha384'], ['sha-512', 'sha512'],
  ['sha2-224', 'sha224'], ['sha2-256', 'sha256'], ['sha2-384', 'sha384'], ['sha2-512', 'sha512'],
  ['sha512/224', 'sha512-224'], ['sha512/256', 'sha512-256'], ['sha2-512/224', 'sha512-224'], ['sha2-512/256', 'sha512-256'],
]);

/** What crypto.getHashes() lists: Node's names for the digests above. */
export const HASH_NAMES = [
  'RSA-MD5', 'RSA-RIPEMD160', 'RSA-SHA1', 'RSA-SHA1-2', 'RSA-SHA224', 'RSA-SHA256', 'RSA-SHA3-224', 'RSA-SHA3-256', 'RSA-SHA3-384',
  'RSA-SHA3-512', 'RSA-SHA384', 'RSA-SHA512', 'RSA-SHA512/224', 'RSA-SHA512/256', 'blake2b512', 'blake2s256',
  'md5', 'md5WithRSAEncryption', 'ripemd', 'ripemd160', 'ripemd160WithRSA', 'rmd160', 'sha1', 'sha1WithRSAEncryption',
  'sha224', 'sha224WithRSAEncryption', 'sha256', 'sha256WithRSAEncryption', 'sha3-224', 'sha3-256', 'sha3-384', 'sha3-512',
  'sha384', 'sha384WithRSAEncryption', 'sha512', 'sha512-224', 'sha512-224WithRSAEncryption', 'sha512-256',
  'sha512-256WithRSAEncryption', 'sha512WithRSAEncryption', 'shake128', 'shake256', 'ssl3-md5', 'ssl3-sha1',
];

/** The digest a name stands for, or null (Node: 'Digest method not supported'). */
export function hashOf(name: string): HashFn | null {
  let n = name.toLowerCase();
  if (n.startsWith('rsa-')) n = n.slice(4);
  n = n.replace(/withrsaencryption$/, '').replace(/withrsa$/, '');
  if (n === 'sha1-2') n = 'sha1';
  return HASHES.get(ALIASES.get(n) ?? n) ?? null;
}

const MAX_STATES = 4096;

/** One process's hashing: its incremental states, by number. */
const SHAKES = new Map([['shake128', shake128], ['shake256', shake256]]);

/** SHAKE128/256 when the caller gave an output length (Node's `outputLength`); null for any other hash. */
function shakeOf(name: string, outputLength: unknown): typeof shake128 | null {
  return typeof outputLength === 'number' ? SHAKES.get(name.toLowerCase()) ?? null : null;
}

export class HostCrypto {
  private readonly states = new Map<number, Incremental>();
  private nextId = 1;

  call(op: string, a: unknown[]): unknown {
    switch (op) {
      case 'digest': return this.digest(String(a[0]), bytes(a[1]), a[2] === undefined ? null : bytes(a[2]), a[3]);
      case 'open': return this.open(String(a[0]), a[1] === undefined ? null : bytes(a[1]), bytes(a[2]), a[3]);
      case 'update': this.state(a[0]).update(bytes(a[1])); return undefined;
      case 'final': {
        const s = this.state(a[0]);
        this.states.delete(Number(a[0]));
        s.update(bytes(a[1]));
        return s.digest();
      }
      case 'copy': return this.keep(this.state(a[0]).clone());
      case 'drop': this.states.delete(Number(a[0])); return undefined;
      case 'known': return hashOf(String(a[0])) !== null;
      case 'sizes': {
        const h = hashOf(String(a[0]));
        return h ? [h.outputLen, h.blockLen] : null;
      }
      case 'names': return HASH_NAMES;
      case 'pbkdf2': return pbkdf2(this.must(String(a[0])), bytes(a[1]), bytes(a[2]), { c: Number(a[3]), dkLen: Number(a[4]) });
      case 'hkdf': return hkdf(this.must(String(a[0])), bytes(a[1]), bytes(a[2]), bytes(a[3]), Number(a[4]));
      case 'scrypt': {
        const o = a[3] as { N: number; r: number; p: number; maxmem: number };
        return scrypt(bytes(a[0]), bytes(a[1]), { N: o.N, r: o.r, p: o.p, dkLen: Number(a[2]), maxmem: o.maxmem });
      }
      default: throw new SysCallError('ENOSYS', `crypto.${op}`);
    }
  }

  private must(name: string): HashFn {
    const h = hashOf(name);
    if (!h) throw new SysCallError('ERR_CRYPTO_INVALID_DIGEST', name);
    return h;
  }

  /** A whole message at once; with a key, its HMAC; with an output length, a SHAKE of that length. */
  private digest(name: string, data: Uint8Array, key: Uint8Array | null, outputLength: unknown): Uint8Array {
    const h = this.must(name);
    if (key) return hmac(h, key, data);
    const xof = shakeOf(name, outputLength);
    return xof ? xof(data, { dkLen: outputLength as number }) : h(data);
  }

  private open(name: string, key: Uint8Array | null, data: Uint8Array, outputLength: unknown): number {
    const h = this.must(name);
    const xof = key ? null : shakeOf(name, outputLength);
    const s = (key ? hmac.create(h, key) : xof ? xof.create({ dkLen: outputLength as number }) : h.create()) as unknown as Incremental;
    s.update(data);
    return this.keep(s);
  }

  private keep(s: Incremental): number {
    if (this.states.size >= MAX_STATES) throw new SysCallError('ENOMEM', 'crypto');
    const id = this.nextId++;
    this.states.set(id, s);
    return id;
  }

  private state(id: unknown): Incremental {
    const s = this.states.get(Number(id));
    if (!s) throw new SysCallError('EBADF', 'crypto');
    return s;
  }
}

function bytes(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  return new TextEncoder().encode(String(v ?? ''));
}
