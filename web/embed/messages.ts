// The postMessage API of an embedded playground: what a page that frames
// `/embed/` (or uses <docker-playground>) may send, and what it hears back.
// Every message is a plain object tagged `dockerPlayground: 1`, so the API
// lives alongside whatever else a page posts. Commands are validated here
// before anything runs: a message that is not exactly a known command, with
// fields of the right types and sizes, is dropped.
//
//   page → playground   { dockerPlayground: 1, command: 'run', line: 'docker ps', id?: 7 }
//                       { dockerPlayground: 1, command: 'load-files', files: { 'Dockerfile': 'FROM alpine\n' }, id?: 8 }
//                       { dockerPlayground: 1, command: 'reset', id?: 9 }
//   playground → page   { dockerPlayground: 1, event: 'ready', lesson, lang }
//                       { dockerPlayground: 1, event: 'check-passed', lesson, step, check, points }
//                       { dockerPlayground: 1, event: 'lesson-completed', lesson, score, total }
//                       { dockerPlayground: 1, event: 'result', id, ok, error? }   (the answer to a command with an id)

import { safeWorkspacePath } from '../state/workspace-files.ts';

export const TAG = 'dockerPlayground';
export const VERSION = 1;

/** Limits on what one command may carry. */
export const LIMITS = { lineChars: 4096, files: 200, pathChars: 256, fileBytes: 512 * 1024, totalBytes: 2 * 1024 * 1024 } as const;

export type EmbedCommand =
  | { command: 'run'; line: string; id?: number }
  | { command: 'load-files'; files: Map<string, string>; id?: number }
  | { command: 'reset'; id?: number };

export type EmbedEvent =
  | { event: 'ready'; lesson: string | null; lang: string }
  | { event: 'check-passed'; lesson: string; step: string; check: string; points: number }
  | { event: 'lesson-completed'; lesson: string; score: number; total: number }
  | { event: 'result'; id: number; ok: boolean; error?: string };

/** The message to post for an event. */
export function eventMessage(e: EmbedEvent): Record<string, unknown> {
  return { [TAG]: VERSION, ...e };
}

/** Why a message was refused (for the console; the sender gets no answer unless it gave an id). */
export class CommandError extends Error {}

/**
 * A message's command, or null when the message is not for us at all (no
 * tag). Throws CommandError when it is tagged but malformed: wrong types,
 * unknown command, a path that leaves the workspace, too large.
 */
export function parseCommand(data: unknown): EmbedCommand | null {
  if (!isRecord(data) || data[TAG] === undefined) return null;
  if (data[TAG] !== VERSION) throw new CommandError(`unsupported ${TAG} version ${String(data[TAG])}: this playground speaks version ${VERSION}`);
  const id = data.id;
  if (id !== undefined && !(typeof id === 'number' && Number.isSafeInteger(id))) throw new CommandError('"id" must be an integer');
  const withId = id === undefined ? {} : { id };
  switch (data.command) {
    case 'run': {
      const line = data.line;
      if (typeof line !== 'string') throw new CommandError('"run" needs a "line" string: the command to type in the terminal');
      if (line.length > LIMITS.lineChars) throw new CommandError(`the command line is longer than ${LIMITS.lineChars} characters`);
      if (/[\r\n]/.test(line)) throw new CommandError('"line" is one command line: send one "run" per line');
      if (/[\x00-\x08\x0b-\x1f\x7f]/.test(line)) throw new CommandError('"line" contains control characters');
      return { command: 'run', line, ...withId };
    }
    case 'load-files':
      return { command: 'load-files', files: parseFiles(data.files), ...withId };
    case 'reset':
      return { command: 'reset', ...withId };
    default:
      throw new CommandError(`unknown command ${JSON.stringify(String(data.command)).slice(0, 64)}: use run, load-files or reset`);
  }
}

function parseFiles(files: unknown): Map<string, string> {
  if (!isRecord(files)) throw new CommandError('"load-files" needs "files": an object of workspace paths to text');
  const entries = Object.entries(files);
  if (entries.length > LIMITS.files) throw new CommandError(`at most ${LIMITS.files} files per message`);
  const out = new Map<string, string>();
  let total = 0;
  for (const [path, text] of entries) {
    if (typeof text !== 'string') throw new CommandError(`file ${JSON.stringify(path)}: its content must be a string`);
    const clean = workspacePath(path);
    const bytes = new TextEncoder().encode(text).length;
    if (bytes > LIMITS.fileBytes) throw new CommandError(`file ${clean} is larger than ${LIMITS.fileBytes} bytes`);
    total += bytes;
    if (total > LIMITS.totalBytes) throw new CommandError(`the files add up to more than ${LIMITS.totalBytes} bytes`);
    out.set(clean, text);
  }
  return out;
}

/** A path inside the workspace, relative and normalised (`./app//a.js` → `app/a.js`); throws for anything that could leave it. */
export function workspacePath(path: string): string {
  if (path.length > LIMITS.pathChars) throw new CommandError(`file path ${JSON.stringify(path.slice(0, 40))}…: longer than ${LIMITS.pathChars} characters`);
  const clean = safeWorkspacePath(path);
  if (clean === null) throw new CommandError(`file path ${JSON.stringify(path)}: use a relative path inside the workspace (no "..", not absolute)`);
  return clean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
