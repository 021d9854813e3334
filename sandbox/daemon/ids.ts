// Container and exec IDs: 64 random hex digits, shown shortened to 12.

export type IdSource = () => string;

export const randomId: IdSource = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
};

/** Deterministic IDs for tests: sha-like hex from a counter. */
export function sequentialIds(prefix = 'c0ffee'): IdSource {
  let n = 0;
  return () => (prefix + (++n).toString(16)).padEnd(64, '0').slice(0, 64);
}
