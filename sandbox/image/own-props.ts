// Safe writes to JSON-shaped maps keyed by user input (labels, volumes): a
// key like `__proto__` must become an ordinary own property, as Go's JSON
// would keep it, never a prototype change.

export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A copy of a JSON-shaped map, keys sorted (as Go's encoding/json writes maps). */
export function sortedCopy<T>(m: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(m).sort()) setOwn(out, k, m[k]!);
  return out;
}
