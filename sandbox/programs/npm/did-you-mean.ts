// npm's suggestions for a word it does not know (lib/utils/did-you-mean.js):
// commands, package scripts and bins within a Levenshtein distance of 40%
// of the word's length, at most three, each with what it does.
import { COMMANDS } from './commands-list.ts';
import type { Manifest } from './tree.ts';

/** Levenshtein distance (fastest-levenshtein's result). */
export function distance(a: string, b: string): number {
  if (a.length > 256 || b.length > 256) return Math.max(a.length, b.length);
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

const RUN_SCRIPTS = ['stop', 'start', 'test', 'restart'];

/** The `\n\nDid you mean …?` text for `word`, or '' when nothing is close. */
export function didYouMean(pkg: Manifest | null, word: string): string {
  const isClose = (cmd: string): boolean => distance(word, cmd) < word.length * 0.4;
  const best: Array<[string, string]> = [
    ...[...COMMANDS].filter(([cmd]) => isClose(cmd) && cmd !== word).map(([cmd, desc]): [string, string] => [cmd, desc]),
    ...Object.keys(pkg?.scripts ?? {}).filter((s) => isClose(s) && !RUN_SCRIPTS.includes(s)).map((s): [string, string] => [`run ${s}`, `run the "${s}" package script`]),
    ...Object.keys(pkg?.bin && typeof pkg.bin === 'object' ? pkg.bin : {}).filter(isClose)
      .map((b): [string, string] => [`exec ${b}`, `run the "${b}" command from either this or a remote npm package`]),
  ];
  if (best.length === 0) return '';
  return `\n\nDid you mean ${best.length === 1 ? 'this' : 'one of these'}?\n` + best.slice(0, 3).map(([m, c]) => `  npm ${m} # ${c}`).join('\n');
}
