// Node tests of what the engine's worker keeps: the machine the worker
// boots (the engine and the host whose /home/student is the workspace), a
// student typing at its shell, and the stored machine booted again as the
// next page would (fake-indexeddb stands for the browser's IndexedDB).
import { IDBObjectStore } from 'fake-indexeddb';
import { vi } from 'vitest';
import { createEngine, HostMachine, inProcessClient, MemoryFs, type Engine } from '../../sandbox/index.ts';
import { startPersistence, type Persistence, type StorageProblem } from '../engine/persistence.ts';

export const WS = '/home/student';
const PROMPT = 'student@playground:~$ ';

/** A shell at the host's terminal: type a line, wait for what it prints. */
export interface Shell {
  /** Types `line` and Enter; resolves when the prompt is back (or `until` shows, for a command left running). */
  run(line: string, until?: string): Promise<string>;
  /** Everything the terminal showed. */
  screen(): string;
  /** Keys as typed (\x03 is Ctrl+C). */
  keys(data: string): void;
}

export interface Machine {
  engine: Engine;
  fs: MemoryFs;
  shell: Shell;
}

/** A machine as the worker boots it: `restore` is a stored one (null: a clean one). */
export async function bootMachine(restore: Awaited<ReturnType<typeof startPersistence>>['saved'] = null): Promise<Machine> {
  const fs = new MemoryFs();
  const engine = await createEngine({ hostFs: fs, ...(restore && { restore }) });
  fs.mkdirSync(WS, { recursive: true });
  const host = new HostMachine({ client: inProcessClient(engine), fs });
  const t = host.openTerminal();
  let screen = '';
  const dec = new TextDecoder();
  let wake: (() => void) | null = null;
  t.onOutput((d) => { screen += dec.decode(d, { stream: true }); wake?.(); });
  const waitFor = async (text: string, from: number): Promise<number> => {
    for (let i = 0; i < 1_000_000; i++) {
      const at = screen.indexOf(text, from);
      if (at >= 0) return at + text.length;
      await new Promise<void>((r) => { wake = r; });
    }
    throw new Error(`the terminal never showed ${text}`);
  };
  let at = await waitFor(PROMPT, 0);
  const shell: Shell = {
    async run(line, until) {
      const from = at;
      t.input(`${line}\r`);
      at = await waitFor(until ?? PROMPT, at);
      return screen.slice(from, at);
    },
    screen: () => screen,
    keys: (data) => t.input(data),
  };
  return { engine, fs, shell };
}

/** The next page: opens the store again and boots into what it holds (the reports it made are returned). */
export async function nextPage(factory: IDBFactory): Promise<{ machine: Machine; warnings: string[]; reports: StorageProblem[] }> {
  const reports: StorageProblem[] = [];
  const p = await startPersistence(factory, (k) => reports.push(k));
  if (!p.saved) throw new Error('nothing was stored');
  const machine = await bootMachine(p.saved);
  return { machine, warnings: machine.engine.restoreWarnings, reports };
}

/**
 * Persistence that saves only when told, as the worker's does after each
 * change: `save()` is a change and a flush (true: stored).
 */
export async function manualPersistence(factory: IDBFactory, m: Machine, opts: { onSaveTransaction?: (tx: IDBTransaction) => void } = {}): Promise<{ p: Persistence; save: () => Promise<boolean>; reports: StorageProblem[] }> {
  const reports: StorageProblem[] = [];
  const p = await startPersistence(factory, (k) => reports.push(k), { delayMs: 3_600_000, maxDelayMs: 3_600_000, ...opts });
  p.attach(m.engine, WS);
  return { p, save: () => { p.changed(); return p.flush(); }, reports };
}

/**
 * Makes the `n`th write (put or delete, from 1) of the next save end its
 * transaction, as a tab killed in the middle of a save does; returns the
 * number of writes the save made, or attempted, once it is over.
 */
export function crashAtWrite(n: number): { writes: () => number; restore: () => void } {
  let count = 0;
  const put = IDBObjectStore.prototype.put;
  const del = IDBObjectStore.prototype.delete;
  const hook = <A extends unknown[], R>(real: (this: IDBObjectStore, ...a: A) => R) => function (this: IDBObjectStore, ...args: A): R {
    if (++count === n) this.transaction.abort();
    return real.apply(this, args);
  };
  const spies = [vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(hook(put)), vi.spyOn(IDBObjectStore.prototype, 'delete').mockImplementation(hook(del))];
  return { writes: () => count, restore: () => { for (const s of spies) s.mockRestore(); } };
}

/** A file of the workspace as text, or null. */
export function wsText(m: Machine, path: string): string | null {
  try { return new TextDecoder().decode(m.fs.readFileSync(`${WS}/${path}`)); } catch { return null; }
}
