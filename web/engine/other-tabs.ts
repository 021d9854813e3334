// Other tabs on the same machine: each tab's worker runs its own engine and
// saves it to the same IndexedDB database, so the tab that saves last is
// what a reload brings back (each save is whole and atomic: the other tab's
// store is replaced, never mixed or damaged — persist.ts). The student is
// told when a second tab opens the same machine, in both tabs. A
// BroadcastChannel named after the machine's database finds them.

/**
 * Calls `onOther` once when another tab (or frame) of this origin has the
 * machine `store` open too — it was open first, or opens later; returns the stop.
 * @example watchOtherTabs('docker-playground', () => report('other-tab', '…'));
 */
export function watchOtherTabs(store: string, onOther: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(`${store}.tabs`);
  let told = false;
  channel.onmessage = (e: MessageEvent) => {
    // A newcomer says hello; those already there answer, so both sides hear of the other.
    if (e.data === 'hello') channel.postMessage('here');
    if ((e.data === 'hello' || e.data === 'here') && !told) { told = true; onOther(); }
  };
  channel.postMessage('hello');
  return () => channel.close();
}
