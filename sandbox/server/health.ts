// Health checks on the wire: a create request's `Healthcheck` (decoded by
// Go's rules, api-structs.ts) checked as dockerd checks it, and the shapes
// inspect reports — Config.Healthcheck with its zero fields left out, and
// State.Health — plus the "(healthy)" that `docker ps` puts after "Up …".
import type { Container } from '../daemon/container.ts';
import { validateHealthcheck, type HealthConfig, type HealthState } from '../daemon/health.ts';
import type { HealthConfigBody } from './api-structs.ts';

/**
 * The create body's Healthcheck (decoded as container.HealthConfig, so its
 * types are Go's) as the daemon takes it, undefined when absent; throws
 * Docker's 400s for values it refuses: an interval under 1ms, negative retries…
 */
export function healthcheckOfBody(body: HealthConfigBody | undefined): HealthConfig | undefined {
  if (body === undefined) return undefined;
  const hc: HealthConfig = { Test: body.Test ?? [] };
  for (const field of ['Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries'] as const) {
    const v = body[field];
    if (v !== undefined) hc[field] = v;
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
