// What checks read beside the engine, recorded as the student works: the
// command lines run at the host's shell (HostMachine.onCommand) and the last
// build the CLI ran (its POST /build stream, through recordBuilds). The page
// and the test runner fill a CheckContext the same way:
//
//   const rec = new LessonRecorder(saved);                       // saved: rec.state() from last time
//   const host = new HostMachine({ client: new EngineClient(rec.wrap(cliTransport)), fs });
//   rec.follow(host);
//   const results = await grade(checks, rec.context(pageClient), { step });
import type { EngineClient, Transport } from '../../sandbox/index.ts';
import { recordBuilds, type BuildRecord } from './builds.ts';
import type { CheckContext } from './checks.ts';

/** What a recorder keeps, as plain JSON (the page saves it with the learner's progress). */
export interface RecordedState {
  commands: string[];
  lastBuild: BuildRecord | null;
}

/** The most command lines kept (the oldest go first), as a shell's HISTSIZE. */
export const MAX_COMMANDS = 1000;

export class LessonRecorder {
  private readonly commands: string[];
  private lastBuild: BuildRecord | null;
  private readonly listeners = new Set<() => void>();

  constructor(saved?: RecordedState) {
    this.commands = saved ? saved.commands.slice(-MAX_COMMANDS) : [];
    this.lastBuild = saved?.lastBuild ?? null;
  }

  /** The docker CLI's transport, with its builds recorded (give the host this one). */
  wrap(transport: Transport): Transport {
    return recordBuilds(transport, (b) => { this.lastBuild = b; this.changed(); });
  }

  /** Records the command lines run at `host`'s shells from now on; returns the stop. */
  follow(host: { onCommand(fn: (line: string) => void): () => void }): () => void {
    return host.onCommand((line) => {
      this.commands.push(line);
      if (this.commands.length > MAX_COMMANDS) this.commands.shift();
      this.changed();
    });
  }

  /** What the checks read: `client` is the page's own Engine API client (not the CLI's). */
  context(client: EngineClient): CheckContext {
    return { client, commands: [...this.commands], lastBuild: this.lastBuild };
  }

  /** The recorded state, to save. */
  state(): RecordedState {
    return { commands: [...this.commands], lastBuild: this.lastBuild };
  }

  /** Called after each new command or build (to save progress); returns the unsubscribe. */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  }

  private changed(): void {
    for (const fn of this.listeners) fn();
  }
}
