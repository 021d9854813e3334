// The messages between the page and the engine's Web Worker. The engine
// (dockerd, the host machine and its shell) lives in the worker so that no
// container can freeze the page; the page sends keys, file edits and Engine
// API requests, and receives terminal output, API answers (streams chunk by
// chunk), the API traffic log and workspace changes; the lesson pane's
// requests (files, grading) and the learner's progress.
import type { CheckResult } from '../../lessons/index.ts';
import type { LessonProgress } from '../lessons/progress.ts';
import type { ConflictPolicy, PlaceOutcome } from '../lessons/starter-files.ts';

/** An Engine API request as it crosses to the worker (Maps as entry lists). */
export interface WireRequest {
  method: string;
  path: string;
  query: Array<[string, string]>;
  queryAll: Array<[string, string[]]>;
  headers: Array<[string, string]>;
  body: Uint8Array | null;
}

/** One entry of the API-traffic panel: a call the CLI or a panel made. */
export interface TrafficEntry {
  seq: number;
  /** Who called: the terminal (the docker CLI, or curl on the Docker socket), or a panel of the page. */
  source: 'cli' | 'page';
  /** The request's User-Agent (`Docker-Client/28.2.2 (linux)`, `curl/8.12.1`), when it had one. */
  agent: string | null;
  method: string;
  path: string;
  query: string;
  status: number;
  /** Milliseconds from the request to its answer's head. */
  ms: number;
  /** When it was made (ms since the epoch). */
  at: number;
  streamed: boolean;
  requestBody: string | null;
  responseBody: string | null;
}

/** A file or directory of the workspace, relative to its root (`app/server.js`). */
export interface WorkspaceEntry {
  path: string;
  type: 'file' | 'dir' | 'symlink';
  size: number;
  mtimeMs: number;
}

export type FsOp =
  | { op: 'read'; path: string }
  | { op: 'write'; path: string; data: Uint8Array }
  | { op: 'mkdir'; path: string }
  | { op: 'rename'; from: string; to: string }
  | { op: 'delete'; path: string };

export type ToWorker =
  | { type: 'open-terminal'; id: number; cols: number; rows: number }
  | { type: 'terminal-input'; id: number; data: string }
  | { type: 'terminal-resize'; id: number; cols: number; rows: number }
  | { type: 'api'; id: number; req: WireRequest }
  | { type: 'api-cancel'; id: number }
  | { type: 'fs'; id: number; op: FsOp }
  | { type: 'list-workspace'; id: number }
  | { type: 'http'; id: number; port: number; req: HttpRequest }
  | { type: 'real-node'; enabled: boolean }
  | { type: 'real-node-output'; id: number; data: Uint8Array }
  | { type: 'real-node-exit'; id: number; code: number }
  | { type: 'real-node-failed'; id: number; message: string }
  | { type: 'reset'; id: number }
  /** The page is going away (or hidden, and may be killed): save what is unsaved now, without waiting for a quiet moment. */
  | { type: 'persist' }
  | { type: 'lesson'; id: number; req: LessonRequest };

export type FromWorker =
  | { type: 'ready'; images: number; bootMs: number; guestWorkers: boolean }
  | { type: 'boot-error'; message: string }
  | { type: 'terminal-output'; id: number; data: Uint8Array }
  | { type: 'terminal-exit'; id: number; code: number }
  | { type: 'api-head'; id: number; status: number; headers: Record<string, string>; body: Uint8Array | null; streamed: boolean }
  | { type: 'api-chunk'; id: number; chunk: Uint8Array }
  | { type: 'api-end'; id: number }
  | { type: 'api-error'; id: number; message: string }
  /** `stored`: a change was kept in the browser's storage before this answer (false: that save failed, or nothing is kept). */
  | { type: 'fs-result'; id: number; data?: Uint8Array; error?: string; stored?: boolean }
  | { type: 'workspace'; id: number | null; entries: WorkspaceEntry[] }
  | { type: 'traffic'; entry: TrafficEntry }
  | { type: 'http-result'; id: number; res?: HttpResponse; error?: string }
  | { type: 'real-node-spawn'; id: number; spec: RealNodeWireSpec }
  | { type: 'real-node-input'; id: number; data: Uint8Array | null }
  | { type: 'real-node-kill'; id: number; signal: number }
  | { type: 'reset-done'; id: number; error?: string }
  | { type: 'storage-error'; kind: StorageProblem; message: string }
  | { type: 'build-marks'; path: string; marks: BuildMarkWire[] }
  | { type: 'lesson-reply'; id: number; reply?: LessonReplies[LessonRequest['op']]; error?: string }
  | { type: 'lessons-progress'; lessons: LessonProgress[] };

/**
 * What the lesson pane asks the worker (web/lessons/service.ts answers;
 * each op's answer is LessonReplies[op]):
 * - files: write files into the workspace ([path, text], relative to it)
 *   without losing the student's work (web/lessons/starter-files.ts);
 *   `start`: they are `lesson`'s starter files, and the lesson starts.
 * - grade: grade `lesson`'s checks (a step's, or all with null) with what
 *   the recorder saw; the results go into the progress.
 * - forget: drop a lesson's progress (all lessons' with null).
 */
export type LessonRequest =
  | { op: 'files'; lesson: string | null; start: boolean; files: Array<[string, string]>; onConflict: ConflictPolicy }
  | { op: 'grade'; lesson: string; step: string | null }
  | { op: 'forget'; lesson: string | null };

export interface LessonReplies {
  files: PlaceOutcome;
  /** `progress`: the lesson's after this grading; `completedNow`: this grading completed it. */
  grade: { results: CheckResult[]; progress: LessonProgress; completedNow: boolean };
  forget: null;
}

/**
 * What a storage report is about: saving failed ('quota': the browser's
 * storage is full; 'unavailable': no storage here; 'failed'), or a restore
 * did ('restore': nothing was restored; 'restore-partial': some was left
 * out); 'recovered': saving works again after a failure; 'other-tab': the
 * same machine is open in another tab (each runs its own; the one saved
 * last is what a reload brings back); 'superseded': a newer version of the
 * page upgraded its database in another tab (this one saves no more).
 */
export type StorageProblem = 'quota' | 'unavailable' | 'failed' | 'restore' | 'restore-partial' | 'recovered' | 'other-tab' | 'superseded';

/**
 * A build's result on one line of the Dockerfile it built (the editor's
 * BuildMark): `{ line: 2, text: '1.2kB · built', kind: 'built' }`. A
 * 'build-marks' message carries one per instruction, for the workspace
 * file (`path`, workspace-relative) the build read (build-follow.ts).
 */
export interface BuildMarkWire { line: number; text: string; kind: 'cached' | 'built' | 'error' }

/** A request from the preview pane to a published port (the host's browser opening localhost:PORT). */
export interface HttpRequest { method: string; path: string; headers: Array<[string, string]>; body: Uint8Array | null }
export interface HttpResponse { status: number; statusText: string; headers: Array<[string, string]>; body: Uint8Array }

/** A `node` process for the page's real Node.js (WebContainer): argv, env, cwd and the container files it needs. */
export interface RealNodeWireSpec { argv: string[]; env: Array<[string, string]>; cwd: string; files: Array<{ path: string; data: Uint8Array; mode: number }> }

/** Where the workspace lives on the host machine. */
export const WORKSPACE_ROOT = '/home/student';
