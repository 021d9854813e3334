// The image configuration: the OCI image config in Docker's JSON shape, and
// its canonical serialisation. The image ID is the sha256 of exactly these
// bytes, so the serialisation is deterministic: fixed key order, map keys
// sorted (as Go's encoding/json does), empty fields left out.
import type { Digest } from '../layer/digest.ts';
import { sortedCopy } from './own-props.ts';

export interface HealthConfig {
  /** `["NONE"]`, `["CMD", ...]` or `["CMD-SHELL", cmd]`. */
  Test: string[];
  /** Nanoseconds, as Docker stores them. */
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  StartInterval?: number;
  Retries?: number;
}

/** The runtime defaults an image carries (Docker's `Config`). */
export interface RunConfig {
  User?: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Volumes?: Record<string, Record<string, never>>;
  WorkingDir?: string;
  Labels?: Record<string, string>;
  StopSignal?: string;
  ArgsEscaped?: boolean;
  Healthcheck?: HealthConfig;
  OnBuild?: string[] | null;
  Shell?: string[];
}

export interface HistoryEntry {
  created: string;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
}

export interface ImageConfig {
  architecture: string;
  os: string;
  variant?: string;
  created: string;
  author?: string;
  config: RunConfig;
  rootfs: { type: 'layers'; diff_ids: Digest[] };
  history: HistoryEntry[];
}

const RUN_CONFIG_KEYS: Array<keyof RunConfig> = [
  'User', 'ExposedPorts', 'Env', 'Entrypoint', 'Cmd', 'Volumes', 'WorkingDir', 'Labels',
  'StopSignal', 'ArgsEscaped', 'Healthcheck', 'OnBuild', 'Shell',
];

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false) return true;
  if (Array.isArray(v)) return false;
  return typeof v === 'object' && Object.keys(v as object).length === 0;
}

/** The run config with empty fields dropped and map keys sorted. */
export function canonicalRunConfig(c: RunConfig): RunConfig {
  const out: Record<string, unknown> = {};
  for (const key of RUN_CONFIG_KEYS) {
    const v = c[key];
    if (isEmpty(v)) continue;
    const isMap = key === 'ExposedPorts' || key === 'Volumes' || key === 'Labels';
    out[key] = isMap ? sortedCopy(v as Record<string, unknown>) : v;
  }
  return out as RunConfig;
}

/** The canonical JSON of an image config; its sha256 is the image ID. */
export function serializeConfig(c: ImageConfig): string {
  const ordered = {
    architecture: c.architecture,
    ...(c.author ? { author: c.author } : {}),
    config: canonicalRunConfig(c.config),
    created: c.created,
    history: c.history.map((h) => ({
      created: h.created,
      ...(h.created_by !== undefined && { created_by: h.created_by }),
      ...(h.author && { author: h.author }),
      ...(h.comment && { comment: h.comment }),
      ...(h.empty_layer && { empty_layer: true }),
    })),
    os: c.os,
    rootfs: { type: c.rootfs.type, diff_ids: c.rootfs.diff_ids },
    ...(c.variant ? { variant: c.variant } : {}),
  };
  return JSON.stringify(ordered);
}

/** RFC 3339 with nanoseconds, as Go prints times: 2024-01-02T03:04:05.123456789Z. */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return iso.slice(0, 19) + (frac ? `.${frac}` : '') + 'Z';
}
