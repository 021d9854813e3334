// npm audit [fix] [--json]: the report over the tree package-lock.json pins
// (ENOLOCK without one, as npm). The playground's store ships no security
// advisories, so the audit finds none — the same answer `npm install`'s
// summary gives; `npm audit fix` has nothing to fix and installs as
// `npm install` does. `npm audit signatures` is not available offline.
import { NpmError } from '../errors.ts';
import { treeFromLock } from '../lockfile.ts';
import { readLock, readProject, rootNode } from '../project.ts';
import type { Session } from '../session.ts';
import { inventory } from '../tree.ts';
import { install } from './install.ts';

export async function audit(s: Session, args: string[]): Promise<number> {
  if (args[0] === 'fix') return install(s, []);
  if (args[0] === 'signatures') throw new NpmError('ENOTSUP', [['', "`npm audit signatures` needs the registry's keys: the playground is offline."]]);
  const lock = readLock(s);
  if (!lock) {
    throw new NpmError('ENOLOCK', [['audit', 'This command requires an existing lockfile.']],
      [['audit', 'Try creating one first with: npm i --package-lock-only'], ['audit', 'Original error: loadVirtual requires existing shrinkwrap file']]);
  }
  const pkg = readProject(s, false)?.content ?? {};
  const tree = treeFromLock(rootNode(s, pkg), lock.data);
  if (s.config.bool('json')) {
    const nodes = inventory(tree);
    const deps = { prod: 1, dev: 0, optional: 0, peer: 0, peerOptional: 0, total: nodes.length };
    for (const n of nodes) {
      if (n.dev) deps.dev++;
      if (n.optional) deps.optional++;
      if (n.peer) deps.peer++;
      if (!n.dev && !n.optional && !n.peer) deps.prod++;
    }
    await s.out(JSON.stringify({
      auditReportVersion: 2, vulnerabilities: {},
      metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 }, dependencies: deps },
    }, null, 2));
    return 0;
  }
  await s.out(`found ${s.p.tty(1) ? '\x1b[32m\x1b[1m0\x1b[22m\x1b[39m' : '0'} vulnerabilities`);
  return 0;
}
