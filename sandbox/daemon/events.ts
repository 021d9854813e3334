// `docker events`: what happened in the engine, as Docker reports it — the
// type (container, image, volume, network), the action (create, start, die,
// oom, tag…), the actor's ID and attributes, and the time. A bounded
// history serves --since/--until; subscribers get events as they happen.

export type EventType = 'container' | 'image' | 'volume' | 'network';

export interface EngineEvent {
  Type: EventType;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  scope: 'local';
  time: number;
  timeNano: number;
  /** Legacy fields (containers and images): status = action, id, from = image. */
  status?: string;
  id?: string;
  from?: string;
}

const HISTORY = 1024;

export class EventBus {
  private readonly history: EngineEvent[] = [];
  private readonly listeners = new Set<(e: EngineEvent) => void>();

  constructor(private readonly now: () => number) {}

  emit(type: EventType, action: string, id: string, attributes: Record<string, string> = {}): void {
    const ms = this.now();
    const e: EngineEvent = {
      Type: type, Action: action, Actor: { ID: id, Attributes: attributes }, scope: 'local',
      time: Math.floor(ms / 1000), timeNano: Math.round(ms) * 1e6,
      ...((type === 'container' || type === 'image') && { status: action, id, ...(attributes.image && { from: attributes.image }) }),
    };
    this.history.push(e);
    if (this.history.length > HISTORY) this.history.shift();
    for (const fn of this.listeners) fn(e);
  }

  /** The event as a JSON line, timeNano written exactly (it is beyond a double's integer range). */
  static json(e: EngineEvent): string {
    const ns = (BigInt(Math.floor(e.timeNano / 1e6)) * 1000000n).toString();
    return JSON.stringify({ ...e, timeNano: 0 }).replace('"timeNano":0', `"timeNano":${ns}`);
  }

  /** Events recorded between `since` and `until` (seconds since the epoch, inclusive). */
  past(since: number | null, until: number | null): EngineEvent[] {
    // In milliseconds with a microsecond's slack: nanoseconds since 1970 are beyond a double's exact integers,
    // and an event at exactly `until` (or `since`) must not be lost to rounding.
    const ms = (e: EngineEvent): number => e.timeNano / 1e6;
    return this.history.filter((e) => (since === null || ms(e) >= since * 1000 - 0.001) && (until === null || ms(e) <= until * 1000 + 0.001));
  }

  subscribe(fn: (e: EngineEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
