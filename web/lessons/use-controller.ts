// The lesson pane's views re-render when the controller says something they
// show changed (its 'change' event: the current lesson, the progress, the language).
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { LessonController } from './controller.ts';

/** A number that grows at each of the controller's changes (use it as an effect's dependency). */
export function useControllerState(c: LessonController): number {
  const version = useRef(0);
  const subscribe = useCallback((fn: () => void) => c.on('change', () => { version.current++; fn(); }), [c]);
  return useSyncExternalStore(subscribe, () => version.current);
}
