// The version a built-in program was "compiled" as: the binary it runs from
// (/proc/self/exe) carries it after its name (fs/executable.ts), so one
// program serves several images — node in node:22-alpine says v22.14.0,
// in node:20-alpine v20.20.2 — and reports what that image ships.
import { programVersionOf } from '../fs/executable.ts';
import type { Process } from '../kernel/process.ts';

/** The version in the binary `p` executes, or `fallback` (the program's default build). */
export function ownVersion(p: Process, fallback: string): string {
  const exe = p.task.exe;
  if (!exe) return fallback;
  try {
    return programVersionOf(p.fs.readContentSync(exe)) ?? fallback;
  } catch {
    return fallback;
  }
}
