// The terminal's builds on the editor's lines: the engine's worker works out
// each `docker build`'s marks (web/engine/build-follow.ts) and the page
// shows them with showBuildMarks. Mounted by App (not by the lazily loaded
// editor) so that a build run before the editor has loaded still leaves its
// marks for when the file opens.
import { useEffect } from 'react';
import type { EngineConnection } from '../engine/connection.ts';
import { showBuildMarks } from './build-marks.ts';

/** Shows every build's marks on the Dockerfile it built, for as long as the component lives. */
export function useBuildMarks(engine: EngineConnection): void {
  useEffect(() => engine.onBuildMarks(({ path, marks }) => showBuildMarks(marks, { path })), [engine]);
}
