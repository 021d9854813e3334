// The embed's end of the postMessage API: listens for commands from the page
// that frames it, runs them one at a time on the playground (the lesson
// controller), and posts events back. Only messages that come from the parent
// frame *and* from an allowed origin are read; everything else is ignored
// without an answer (an unlisted page learns nothing). Events go only to the
// allowed origins: postMessage with a targetOrigin that is not the parent's
// is dropped by the browser, so a page not on the list never receives them.
import { CommandError, eventMessage, parseCommand, type EmbedCommand, type EmbedEvent } from './messages.ts';
import { isAllowed } from './origins.ts';

/** What the commands act on (web/lessons' controller provides it). */
export interface EmbedTarget {
  /** Types the line into the terminal; resolves when the prompt is back. */
  runCommand(line: string): Promise<void>;
  /** Writes the files into the workspace (paths relative to it). */
  loadFiles(files: Map<string, string>): Promise<void>;
  /** A fresh machine, with the lesson's starter files. */
  reset(): Promise<void>;
}

/** The few window features the bridge needs (a real Window, or a test's stand-in). */
export interface BridgeWindow {
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
}
export interface ParentWindow { postMessage(message: unknown, targetOrigin: string): void }

export interface EmbedBridge {
  /** Posts an event to the framing page (when its origin is allowed). */
  emit(event: EmbedEvent): void;
  dispose(): void;
}

export interface BridgeOptions {
  window: BridgeWindow;
  /** The framing page (window.parent); null when not framed: nothing is listened to or sent. */
  parent: ParentWindow | null;
  allowed: readonly string[];
  target: EmbedTarget;
  /** Where refusals are reported (the console). */
  warn?: (message: string) => void;
}

/**
 * Connects the embed to its parent frame.
 *
 * @example const bridge = connectEmbed({ window, parent: window.parent !== window ? window.parent : null, allowed, target: controller });
 *          controller.on('check-passed', (e) => bridge.emit({ event: 'check-passed', ...e }));
 */
export function connectEmbed({ window: win, parent, allowed, target, warn = () => {} }: BridgeOptions): EmbedBridge {
  let queue: Promise<void> = Promise.resolve();
  let disposed = false;
  const onMessage = (e: MessageEvent) => {
    if (disposed || !parent || e.source !== parent || !isAllowed(e.origin, allowed)) return;
    let cmd: EmbedCommand | null;
    try {
      cmd = parseCommand(e.data);
    } catch (err) {
      const message = err instanceof CommandError ? err.message : String(err);
      warn(`docker-playground: message from ${e.origin} refused: ${message}`);
      const id = (e.data as { id?: unknown }).id;
      if (typeof id === 'number' && Number.isSafeInteger(id)) reply(e.origin, { event: 'result', id, ok: false, error: message });
      return;
    }
    if (!cmd) return;
    const command = cmd;
    queue = queue.then(() => run(command)).then(
      () => { if (command.id !== undefined) reply(e.origin, { event: 'result', id: command.id, ok: true }); },
      (err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        warn(`docker-playground: ${command.command} failed: ${message}`);
        if (command.id !== undefined) reply(e.origin, { event: 'result', id: command.id, ok: false, error: message });
      },
    );
  };
  const run = (cmd: EmbedCommand): Promise<void> => {
    switch (cmd.command) {
      case 'run': return target.runCommand(cmd.line);
      case 'load-files': return target.loadFiles(cmd.files);
      case 'reset': return target.reset();
    }
  };
  const reply = (origin: string, event: EmbedEvent) => {
    if (!disposed && parent) parent.postMessage(eventMessage(event), origin);
  };
  if (parent) win.addEventListener('message', onMessage);
  return {
    emit(event) {
      if (disposed || !parent) return;
      for (const origin of allowed) parent.postMessage(eventMessage(event), origin);
    },
    dispose() {
      disposed = true;
      win.removeEventListener('message', onMessage);
    },
  };
}
