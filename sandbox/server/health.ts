// Health checks on the wire: a create request's `Healthcheck` read as Go's
// JSON decoder reads it (and checked as dockerd checks it), and the shapes
// inspect reports — Config.Healthcheck with its zero fields left out, and
// State.Health — plus the "(healthy)" that `docker ps` puts after "Up …".
import type { HealthcheckBody } from '../api/types.ts';
import type { Container } from '../daemon/container.ts';
import { validateHealthcheck, type HealthConfig, type HealthState } from '../daemon/health.ts';
import { ApiError } from './router.ts';

const DURATIONS = ['Interval', 'Timeout', 'StartPeriod', 'StartInterval'] as const;

/** What Go's decoder calls a JSON value it cannot put in a field. */
function jsonKind(v: unknown): string {
  if (typeof v === 'number') return `number ${JSON.stringify(v)}`;
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'string' ? 'string' : 'object';
}

function cannotUnmarshal(v: unknown, field: string, type: string): ApiError {
  return new ApiError(400, `invalid JSON: json: cannot unmarshal ${jsonKind(v)} into Go struct field HealthConfig.Healthcheck.${field} of type ${type}`);
}

/**
 * The create body's Healthcheck as the daemon takes it (undefined when
 * absent); durations are integer nanoseconds, Test a list or one string.
 * Throws Docker's 400s: a value of the wrong type, an interval under 1ms, …
 */
export function healthcheckOfBody(body: HealthcheckBody | null | undefined): HealthConfig | undefined {
  if (body === null || body === undefined) return undefined;
  if (typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, `invalid JSON: json: cannot unmarshal ${jsonKind(body)} into Go struct field Config.Healthcheck of type container.HealthConfig`);
  const test = body.Test as unknown;
  let list: string[] = [];
  if (typeof test === 'string') list = [test];
  else if (Array.isArray(test) && test.every((t) => typeof t === 'string')) list = test;
  else if (test !== null && test !== undefined) throw new ApiError(400, `invalid JSON: json: cannot unmarshal ${Array.isArray(test) ? 'array' : jsonKind(test).split(' ')[0]} into Go value of type string`);
  const hc: HealthConfig = { Test: list };
  for (const field of DURATIONS) {
    const v = body[field] as unknown;
    if (v === null || v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw cannotUnmarshal(v, field, 'time.Duration');
    hc[field] = v;
  }
  const retries = body.Retries as unknown;
  if (retries !== null && retries !== undefined) {
    if (typeof retries !== 'number' || !Number.isInteger(retries)) throw cannotUnmarshal(retries, 'Retries', 'int');
    hc.Retries = retries;
  }
  validateHealthcheck(hc);
  return hc;
}

/** Config.Healthcheck as dockerd writes it: Go's field order, zero values left out. */
export function healthcheckJson(hc: HealthConfig): Record<string, unknown> {
  return {
    ...(hc.Test.length > 0 && { Test: hc.Test }),
    ...(hc.Interval && { Interval: hc.Interval }),
    ...(hc.Timeout && { Timeout: hc.Timeout }),
    ...(hc.StartPeriod && { StartPeriod: hc.StartPeriod }),
    ...(hc.StartInterval && { StartInterval: hc.StartInterval }),
    ...(hc.Retries && { Retries: hc.Retries }),
  };
}

/** State.Health (a copy: the monitor replaces it as probes finish). */
export function healthJson(h: HealthState): Record<string, unknown> {
  return { Status: h.Status, FailingStreak: h.FailingStreak, Log: h.Log.map((r) => ({ ...r })) };
}

/** What `docker ps` shows after "Up 3 seconds": ` (healthy)`, ` (unhealthy)`, ` (health: starting)`, or nothing. */
export function healthSuffix(c: Container): string {
  if (!c.health) return '';
  return c.health.Status === 'starting' ? ' (health: starting)' : ` (${c.health.Status})`;
}
