// Randomized operation sequences: the overlay (over a populated lower tree)
// must behave exactly like the plain memory fs holding the same files —
// same results, same error codes, same final tree — and its upper tree,
// merged back onto the lower one, must give that same tree.
import { describe, expect, it } from 'vitest';
import { MemoryFs } from './memory.ts';
import { OverlayFs } from './overlay.ts';
import { applyDiff } from './merge.ts';
import { isFsError } from './errors.ts';
import { snapshot } from './testing/snapshot.ts';
import type { TreeFs } from './tree-fs.ts';

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x / 2 ** 32; };
}

function initial(fs: TreeFs): void {
  fs.mkdirSync('/a/b', { recursive: true });
  fs.mkdirSync('/b/c/a', { recursive: true });
  fs.writeFileSync('/a/x', 'ax');
  fs.writeFileSync('/a/b/y', 'aby');
  fs.writeFileSync('/b/c/a/x', 'bcax', { mode: 0o755 });
  fs.symlinkSync('/a', '/c');
  fs.symlinkSync('../b/c', '/a/link');
}

type Op = (fs: TreeFs) => unknown;

function randomOp(r: () => number): [string, Op] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const path = (): string => {
    const depth = 1 + Math.floor(r() * 3);
    return Array.from({ length: depth }, () => '/' + pick(['a', 'b', 'c', 'x', 'y'])).join('');
  };
  const p = path();
  const q = path();
  const n = Math.floor(r() * 1000);
  const ops: Array<[string, Op]> = [
    [`write ${p}`, (fs) => fs.writeFileSync(p, `w${n}`)],
    [`append ${p}`, (fs) => fs.writeFileSync(p, `+${n}`, { flag: 'a' })],
    [`mkdir ${p}`, (fs) => fs.mkdirSync(p)],
    [`mkdir -p ${p}`, (fs) => fs.mkdirSync(p, { recursive: true })],
    [`unlink ${p}`, (fs) => fs.unlinkSync(p)],
    [`rmdir ${p}`, (fs) => fs.rmdirSync(p)],
    [`rm -r ${p}`, (fs) => fs.rmSync(p, { recursive: true })],
    [`rename ${p} ${q}`, (fs) => fs.renameSync(p, q)],
    [`symlink ${q} ${p}`, (fs) => fs.symlinkSync(q, p)],
    [`chmod ${p}`, (fs) => fs.chmodSync(p, n & 0o777)],
    [`chown ${p}`, (fs) => fs.chownSync(p, n, n + 1)],
    [`read ${p}`, (fs) => new TextDecoder().decode(fs.readFileSync(p))],
    [`readdir ${p}`, (fs) => fs.readdirSync(p)],
    [`lstat ${p}`, (fs) => { const s = fs.lstatSync(p); return [s.type, s.mode, s.uid, s.size]; }],
    [`realpath ${p}`, (fs) => fs.realpathSync(p)],
  ];
  return pick(ops);
}

function outcome(fs: TreeFs, op: Op): unknown {
  try { return { ok: op(fs) ?? null }; } catch (e) { if (isFsError(e)) return { err: e.code }; throw e; }
}

describe('overlay vs memory fs, randomized', () => {
  it('agree on 300 random sequences of 40 operations', async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed);
      let clock = 0;
      const ref = new MemoryFs({ now: () => clock });
      initial(ref);
      const lowerFs = new MemoryFs({ now: () => clock });
      initial(lowerFs);
      const overlay = new OverlayFs(lowerFs.root, { now: () => clock });
      const log: string[] = [];
      for (let i = 0; i < 40; i++) {
        const [name, op] = randomOp(r);
        log.push(name);
        clock = i + 1;
        const a = outcome(ref, op);
        const b = outcome(overlay, op);
        if (JSON.stringify(a) !== JSON.stringify(b)) {
          expect({ seed, log, b }).toEqual({ seed, log, b: a });
        }
      }
      const want = await snapshot(ref, { mtimes: true });
      const got = await snapshot(overlay, { mtimes: true });
      if (JSON.stringify(want) !== JSON.stringify(got)) expect({ seed, log, got }).toEqual({ seed, log, got: want });
      const merged = await snapshot(new MemoryFs({ root: applyDiff(lowerFs.root, overlay.upper) }), { mtimes: true });
      if (JSON.stringify(want) !== JSON.stringify(merged)) expect({ seed, log, merged }).toEqual({ seed, log, merged: want });
    }
  });
});
