// npm cache clean --force | verify | ls: the cache folder npm keeps in
// ~/.npm/_cacache (cacache.ts writes it). `clean` without --force refuses
// with npm's own explanation; `verify` re-hashes every content file against
// the digest its path spells, removes what does not match, and reports as
// npm does; the Dockerfile idiom `npm ci && npm cache clean --force` leaves a
// smaller layer, as it does with real npm.
import { b64ToHex } from '../cacache.ts';
import { NpmError, usageError } from '../errors.ts';
import { digestOf } from '../integrity.ts';
import type { Session } from '../session.ts';
import { usageOf } from '../usage.ts';

const CLEAN_REFUSED = `As of npm@5, the npm cache self-heals from corruption issues
  by treating integrity mismatches as cache misses.  As a result,
  data extracted from the cache is guaranteed to be valid.  If you
  want to make sure everything is consistent, use \`npm cache verify\`
  instead.  Deleting the cache can only make npm go slower, and is
  not likely to correct any problems you may be encountering!

  On the other hand, if you're debugging an issue with the installer,
  or race conditions that depend on the timing of writing to an empty
  cache, you can use \`npm install --cache /tmp/empty-cache\` to use a
  temporary cache instead of nuking the actual one.

  If you're sure you want to delete the entire cache, rerun this command
  with --force.`;

/** content-v2/<algo>/<2>/<2>/<rest>: the algorithm and the hex digest a content file's path names. */
const CONTENT_PATH = /\/content-v2\/(sha512|sha384|sha256|sha1)\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]+)$/;
const dec = new TextDecoder();

/**
 * Files under a folder and their total size (bounded walk); with `verify`,
 * content files whose bytes do not hash to their path are removed and counted.
 */
function walk(s: Session, dir: string, verify = false): { files: number; bytes: number; index: number; corrupted: number; keys: Set<string> } {
  const out = { files: 0, bytes: 0, index: 0, corrupted: 0, keys: new Set<string>() };
  const stack = [dir];
  for (let i = 0; stack.length && i < 200_000; i++) {
    const d = stack.pop()!;
    let names: string[];
    try { names = s.p.fs.readdirSync(d); } catch { continue; }
    for (const n of names) {
      const path = `${d}/${n}`;
      const st = s.p.fs.lstatSync(path);
      if (st.type === 'dir') { stack.push(path); continue; }
      if (path.includes('/content-v2/')) {
        const m = verify ? CONTENT_PATH.exec(path) : null;
        if (m && b64ToHex(digestOf(m[1] as 'sha512', s.p.fs.readFileSync(path))) !== m[2]! + m[3]! + m[4]!) {
          try { s.p.fs.unlinkSync(path); } catch { /* left for the next verify */ }
          out.corrupted++;
          continue;
        }
        out.files++;
        out.bytes += st.size;
      }
      if (!path.includes('/index-v5/')) continue;
      for (const line of dec.decode(s.p.fs.readFileSync(path)).split('\n').filter(Boolean)) {
        out.index++;
        try { out.keys.add((JSON.parse(line.slice(line.indexOf('\t') + 1)) as { key: string }).key); } catch { /* a torn line */ }
      }
    }
  }
  return out;
}

export async function cache(s: Session, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const root = `${s.cacheDir}/_cacache`;
  switch (sub) {
    case 'clean': case 'rm': case 'clear': {
      if (rest.length === 0 && !s.config.bool('force')) throw new NpmError('', [['', CLEAN_REFUSED]]);
      s.p.fs.rmSync(root, { recursive: true, force: true });
      return 0;
    }
    case 'verify': {
      const started = s.p.now();
      const { files, bytes, index, corrupted } = walk(s, root, true);
      await s.out(`Cache verified and compressed (${root.replace(/^\/root\//, '~/')})\nContent verified: ${files} (${bytes} bytes)\n`
        + `${corrupted ? `Corrupted content removed: ${corrupted}\n` : ''}Index entries: ${index}\nFinished in ${(Math.max(0, s.p.now() - started) / 1000).toFixed(3)}s`);
      return 0;
    }
    case 'ls': {
      const keys = [...walk(s, root).keys].filter((k) => rest.length === 0 || rest.some((r) => k.includes(`/${r.replace(/(?!^)@[^/]*$/, '')}`)));
      if (keys.length) await s.out(keys.sort().join('\n'));
      return 0;
    }
    default:
      throw usageError(sub ? `cache ${sub} is not a recognized subcommand` : '', usageOf('cache')!);
  }
}
