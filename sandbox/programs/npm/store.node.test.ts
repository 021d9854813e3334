// The generated store (`npm run npm:store`, public/npm-store/) read through
// the Node host's PackageStore: every tarball is the one its packument's
// integrity names, and the trees npm will install are complete.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { nodePackageStore, PROJECT_STORE_DIR } from './store.node.ts';
import { packageStore } from './store.ts';
import type { Packument, StoreVersion } from './store.ts';

const store = nodePackageStore();
const index = JSON.parse(readFileSync(join(PROJECT_STORE_DIR, 'index.json'), 'utf8')) as Record<string, Packument>;
const all = Object.values(index).flatMap((p) => Object.values(p.versions));

/** `range` of dependency `dep` as npm reads it: `npm:real@range` names another package. */
function target(dep: string, range: string): { name: string; range: string } {
  const alias = /^npm:((?:@[^/]+\/)?[^@]+)(?:@(.*))?$/.exec(range);
  return alias ? { name: alias[1]!, range: alias[2] || '*' } : { name: dep, range };
}

/** The highest stored version of `name` in `range`, as npm would pick it from this registry. */
async function pick(name: string, range: string): Promise<StoreVersion | null> {
  const doc = await store.packument(name);
  const v = doc && semver.maxSatisfying(Object.keys(doc.versions), range);
  return v ? doc.versions[v]! : null;
}

describe('the generated npm store, from disk', () => {
  it('is the store the test setup installed', () => {
    expect(packageStore()).not.toBeNull();
  });

  it('holds the packages named in package.json\'s npm-store-* aliases', async () => {
    for (const name of ['express', 'lodash', 'dayjs', 'uuid', 'chalk', 'dotenv', 'cors', 'morgan', 'nanoid', 'mocha']) {
      expect(await store.packument(name), name).not.toBeNull();
    }
    const express = (await store.packument('express'))!;
    expect(Object.keys(express.versions).map((v) => semver.major(v)).sort()).toEqual([4, 5]);
    expect(express['dist-tags'].latest).toMatch(/^5\./);
  });

  it('tags as latest what the registry tags (npm view <pkg> dist-tags, when the aliases were added), keeping the CommonJS majors beside', async () => {
    const registry = new Map([['chalk', ['6.0.1', [4, 5, 6]]], ['uuid', ['14.0.3', [11, 14]]], ['nanoid', ['6.0.2', [3, 5, 6]]], ['mocha', ['12.0.3', [11, 12]]], ['express', ['5.3.0', [4, 5]]]] as const);
    for (const [name, [latest, majors]] of registry) {
      const doc = (await store.packument(name))!;
      expect(doc['dist-tags'], name).toEqual({ latest });
      expect(Object.keys(doc.versions).map((v) => semver.major(v)), name).toEqual(majors);
    }
  });

  it('serves each tarball byte for byte: its sha512 is the packument\'s integrity, its sha1 the shasum', async () => {
    expect(all.length).toBeGreaterThan(100);
    for (const v of all) {
      const tgz = await store.tarball(v.name, v.version);
      expect(`sha512-${createHash('sha512').update(tgz).digest('base64')}`, `${v.name}@${v.version}`).toBe(v.dist.integrity);
      expect(createHash('sha1').update(tgz).digest('hex')).toBe(v.dist.shasum);
      expect(v.dist.tarball).toMatch(new RegExp(`^https://registry\\.npmjs\\.org/${v.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/-/`));
    }
  });

  it('has every dependency of every stored version in a stored version that satisfies it', async () => {
    const missing: string[] = [];
    for (const v of all) {
      for (const [dep, range] of Object.entries(v.dependencies ?? {})) {
        const t = target(dep, range);
        if (!(await pick(t.name, t.range))) missing.push(`${v.name}@${v.version} → ${dep}@${range}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has express 5\'s whole tree, resolved the way npm resolves it against this registry', async () => {
    const seen = new Set<string>();
    const queue: Array<[string, string]> = [['express', '^5']];
    while (queue.length) {
      const [name, range] = queue.shift()!;
      const v = await pick(name, range);
      expect(v, `${name}@${range}`).not.toBeNull();
      const id = `${v!.name}@${v!.version}`;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const [dep, r] of Object.entries(v!.dependencies ?? {})) { const t = target(dep, r); queue.push([t.name, t.range]); }
    }
    expect(seen.size).toBeGreaterThan(50);
    expect([...seen].filter((id) => /^(express|body-parser|router)@/.test(id)).map((id) => id.replace(/\..*/, '')).sort()).toEqual(['body-parser@2', 'express@5', 'router@2']);
  });

  it('answers null for a package it does not have, and refuses a version it does not have', async () => {
    expect(await store.packument('left-pad')).toBeNull();
    await expect(store.tarball('express', '0.0.1')).rejects.toThrow('the npm store has no express@0.0.1');
    await expect(store.tarball('../../etc', '1.0.0')).rejects.toThrow(/has no/);
  });

  it('gives each caller its own packument (a caller\'s change stays its own)', async () => {
    const a = (await store.packument('lodash'))!;
    a['dist-tags'].latest = 'changed';
    expect((await store.packument('lodash'))!['dist-tags'].latest).not.toBe('changed');
  });

  it('says to run npm run npm:store when the store was not generated', async () => {
    const none = nodePackageStore('/nonexistent/npm-store');
    await expect(none.packument('express')).rejects.toThrow(/not generated .* run `npm run npm:store`/);
  });
});
