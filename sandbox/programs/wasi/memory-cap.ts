// Caps the linear memory a module defines for itself: rewrites the memory
// section's limits so that memory.grow fails past `maxPages` (what
// memory.max leaves the process), the way allocation fails in a cgroup.
// Only the limits change; every other byte of the module is kept.

function readLeb(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  let i = at;
  for (;;) {
    const b = bytes[i++]!;
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [value, i];
    shift += 7;
    if (shift > 63) throw new Error('bad LEB128');
  }
}

function leb(value: number): number[] {
  const out: number[] = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return out;
}

/** The module with every 32-bit memory it defines limited to `maxPages` (never below its minimum). */
export function capMemory(module: Uint8Array, maxPages: number): Uint8Array {
  if (module.length < 8) return module;
  const parts: number[][] = [Array.from(module.subarray(0, 8))];
  let at = 8;
  while (at < module.length) {
    const id = module[at]!;
    const [size, bodyStart] = readLeb(module, at + 1);
    const body = module.subarray(bodyStart, bodyStart + size);
    if (id !== 5) {
      parts.push(Array.from(module.subarray(at, bodyStart + size)));
    } else {
      const [count, first] = readLeb(body, 0);
      const out = [...leb(count)];
      let p = first;
      for (let i = 0; i < count; i++) {
        const flags = body[p++]!;
        const [min, afterMin] = readLeb(body, p);
        p = afterMin;
        let max: number | null = null;
        if (flags & 1) [max, p] = readLeb(body, p);
        if (flags & 4) {
          // memory64: left as it is.
          out.push(flags, ...leb(min), ...(max === null ? [] : leb(max)));
          continue;
        }
        const capped = Math.max(min, Math.min(max ?? Infinity, maxPages));
        out.push(flags | 1, ...leb(min), ...leb(capped));
      }
      parts.push([5, ...leb(out.length), ...out]);
    }
    at = bodyStart + size;
  }
  return Uint8Array.from(parts.flat());
}
