// The dev / optional / devOptional / peer flags of each package (Arborist's
// calc-dep-flags), which package-lock.json records and `--omit` reads. Every
// package starts with all four set; walking out from the project root, a
// flag is cleared along every edge that is not of that kind:
// - dev is cleared through any edge other than a devDependency,
// - optional through any edge that is not optional,
// - devOptional through edges that are neither, from packages that are
//   neither (it marks what only the dev-and-optional overlap needs),
// - peer through any edge that is not a peer dependency.
import { inventory, type PkgNode } from './tree.ts';

type Flag = 'dev' | 'optional' | 'devOptional' | 'peer';

export function calcDepFlags(root: PkgNode): void {
  const nodes = inventory(root);
  for (const n of nodes) { n.dev = n.optional = n.devOptional = n.peer = n.extraneous = true; }
  root.dev = root.optional = root.devOptional = root.peer = root.extraneous = false;
  const clear = (flag: Flag, through: (from: PkgNode, e: { dev: boolean; optional: boolean; peer: boolean }) => boolean): void => {
    const stack = [root];
    const seen = new Set<PkgNode>([root]);
    while (stack.length) {
      const n = stack.pop()!;
      for (const e of n.edgesOut.values()) {
        const to = e.to;
        if (!to) continue;
        to.extraneous = false;
        if (!through(n, e) || seen.has(to)) continue;
        to[flag] = false;
        seen.add(to);
        stack.push(to);
      }
    }
  };
  clear('dev', (_n, e) => !e.dev);
  clear('optional', (_n, e) => !e.optional);
  clear('peer', (_n, e) => !e.peer);
  clear('devOptional', (n, e) => !e.dev && !e.optional && !n.dev && !n.optional);
}
