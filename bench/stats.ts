// The figures every bench prints: percentiles of a series of timings, in ms.

/** The p-th percentile (0–100) of `xs`, nearest rank. @example percentile([3, 1, 2], 50) // 2 */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

export const fmt = (ms: number): string => `${ms.toFixed(2)} ms`;
