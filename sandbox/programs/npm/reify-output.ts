// What npm prints after it changed node_modules (lib/utils/reify-output.js):
//
//   added 68 packages, and audited 69 packages in 2s
//
//   31 packages are looking for funding
//     run `npm fund` for details
//
//   found 0 vulnerabilities
//
// The time is measured from npm's start and written as the `ms` package
// writes it; "audited" counts every package in the tree and the project
// itself. The playground's store has no security advisories, so the audit
// finds none; `--no-audit` leaves the audit out, `--no-fund` the funding.
import type { PkgNode } from './tree.ts';

export interface ReifySummary {
  added: number;
  removed: number;
  changed: number;
  /** Packages audited (0: no audit ran). */
  audited: number;
  funding: number;
}

/** `ms`'s short format: 987ms, 2s, 3m, 1h. */
export function ms(n: number): string {
  const a = Math.abs(n);
  if (a >= 3_600_000) return `${Math.round(n / 3_600_000)}h`;
  if (a >= 60_000) return `${Math.round(n / 60_000)}m`;
  if (a >= 1000) return `${Math.round(n / 1000)}s`;
  return `${Math.round(n)}ms`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The summary line (packagesChangedMessage), after its leading blank line. */
export function changedMessage({ added, removed, changed, audited }: ReifySummary, elapsedMs: number): string {
  const msg: string[] = [];
  if (added === 0 && removed === 0 && changed === 0) {
    msg.push('up to date');
    if (audited) msg.push(', ');
  } else {
    if (added) msg.push(`added ${plural(added, 'package')}`);
    if (removed) {
      if (added) msg.push(', ');
      if (added && !audited && !changed) msg.push('and ');
      msg.push(`removed ${plural(removed, 'package')}`);
    }
    if (changed) {
      if (added || removed) msg.push(', ');
      if (!audited && (added || removed)) msg.push('and ');
      msg.push(`changed ${plural(changed, 'package')}`);
    }
    if (audited) msg.push(', and ');
  }
  if (audited) msg.push(`audited ${plural(audited, 'package')}`);
  msg.push(` in ${ms(elapsedMs)}`);
  return msg.join('');
}

/** The whole text npm prints to stdout after reifying (each part preceded by a blank line). */
export function reifyOutput(summary: ReifySummary, elapsedMs: number, color = false): string {
  let out = `\n${changedMessage(summary, elapsedMs)}\n`;
  if (summary.funding) {
    out += `\n${summary.funding} ${summary.funding === 1 ? 'package is' : 'packages are'} looking for funding\n  run \`npm fund\` for details\n`;
  }
  if (summary.audited) out += `\nfound ${color ? '\x1b[32m\x1b[1m0\x1b[22m\x1b[39m' : '0'} vulnerabilities\n`;
  return out;
}

function validFunding(f: unknown): boolean {
  if (!f) return false;
  if (Array.isArray(f)) return f.length > 0 && f.every((x) => !Array.isArray(x) && validFunding(x));
  const url = typeof f === 'string' ? f : typeof f === 'object' && typeof (f as { url?: unknown }).url === 'string' ? (f as { url: string }).url : null;
  return url !== null && /^https?:\/\/[^/\s]+/.test(url);
}

/** Packages looking for funding (libnpmfund's count): distinct name@version reached from the project with a valid `funding`. */
export function fundingCount(root: PkgNode): number {
  const seen = new Set<string>();
  const visited = new Set<PkgNode>([root]);
  const stack = [root];
  let count = 0;
  while (stack.length) {
    const n = stack.pop()!;
    for (const e of n.edgesOut.values()) {
      const to = e.to;
      if (!to) continue;
      const key = `${to.pkg.name ?? to.name}${to.version}`;
      if (!seen.has(key)) {
        seen.add(key);
        if (validFunding(to.pkg.funding)) count++;
      }
      if (!visited.has(to)) { visited.add(to); stack.push(to); }
    }
  }
  return count;
}
