// The state of the stage being built: the image so far, the config being
// edited, the history, the ARGs in scope (with their values) and the cache
// state. Every dispatcher reads and edits this, then commits a step.
import type { HistoryEntry, RunConfig } from '../image/config.ts';
import type { Image } from '../image/store.ts';
import type { Layer } from '../layer/layer.ts';

export const DEFAULT_SHELL = ['/bin/sh', '-c'];

export class StageState {
  image: Image | null = null;
  top: Layer | null = null;
  config: RunConfig = {};
  history: HistoryEntry[] = [];
  author: string | undefined;
  /** ARGs declared in this stage; undefined value = declared without one. */
  readonly args = new Map<string, string | undefined>();
  /** CMD was set in this stage (ENTRYPOINT then keeps it). */
  cmdSet = false;
  /** After the first cache miss the stage stops probing (moby's imageProber). */
  cacheBusted = false;

  /** Adopts an image as the stage's current result (FROM, or a cache hit). */
  adopt(image: Image | null): void {
    this.image = image;
    this.top = image?.top ?? null;
    this.config = structuredClone(image?.config.config ?? {});
    this.history = structuredClone(image?.config.history ?? []);
    this.author = image?.config.author;
  }

  env(): Map<string, string> {
    const out = new Map<string, string>();
    for (const kv of this.config.Env ?? []) {
      const eq = kv.indexOf('=');
      out.set(eq < 0 ? kv : kv.slice(0, eq), eq < 0 ? '' : kv.slice(eq + 1));
    }
    return out;
  }

  setEnv(key: string, value: string): void {
    const env = this.config.Env ?? [];
    const i = env.findIndex((kv) => kv === key || kv.startsWith(key + '='));
    if (i >= 0) env[i] = `${key}=${value}`;
    else env.push(`${key}=${value}`);
    this.config.Env = env;
  }

  /** Variables for substitution: ARGs with values, then ENV (ENV wins). */
  vars(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [k, v] of this.args) if (v !== undefined) out.set(k, v);
    for (const [k, v] of this.env()) out.set(k, v);
    return out;
  }

  /** ARGs a RUN sees as environment (those ENV does not override), sorted. */
  buildArgEnv(): string[] {
    const env = this.env();
    const out: string[] = [];
    for (const [k, v] of this.args) if (v !== undefined && !env.has(k)) out.push(`${k}=${v}`);
    return out.sort();
  }

  shell(): string[] {
    return this.config.Shell ?? DEFAULT_SHELL;
  }
}
