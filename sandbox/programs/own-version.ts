// The version a built-in program was "compiled" as: the binary it runs from
// carries it after its name (fs/executable.ts), and exec records it on the
// task (registry.ts), so one program serves several images — node in
// node:22-alpine says v22.14.0, in node:20-alpine v20.20.2 — and reports
// what that image ships.
import type { Process } from '../kernel/process.ts';

/** The version in the binary `p` executes, or `fallback` (the program's default build). */
export function ownVersion(p: Process, fallback: string): string {
  return p.task.exeVersion ?? fallback;
}
