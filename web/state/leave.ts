// The moments a page must save what it holds: `pagehide` (a reload, a
// closed tab, a navigation — the page's workers are ended soon after) and
// `visibilitychange` to hidden (a tab in the background, which a browser
// may discard, or a phone kill, with no further event). Listeners run
// synchronously in the event, so what they post goes out before the page does.

/**
 * Calls `fn` each time the page is hidden or going away; returns the unsubscribe.
 * @example useEffect(() => onLeave(() => engine.persistNow()), [engine]);
 */
export function onLeave(fn: () => void, win: Window = window): () => void {
  const hidden = (): void => { if (win.document.visibilityState === 'hidden') fn(); };
  win.addEventListener('pagehide', fn);
  win.document.addEventListener('visibilitychange', hidden);
  return () => {
    win.removeEventListener('pagehide', fn);
    win.document.removeEventListener('visibilitychange', hidden);
  };
}
