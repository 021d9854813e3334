// The machine's controls in the top bar: Reset (a clean machine: the stored
// playground wiped and a fresh engine booted, after asking) and the storage
// messages the engine worker reports (a full quota, storage unavailable, a
// save that failed, a stored machine that could not be restored, saving
// working again, the machine open in another tab, or by another version).
import { useEffect, useState } from 'react';
import type { EngineConnection } from '../engine/connection.ts';
import type { StorageProblem } from '../engine/protocol.ts';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/messages.ts';

const PROBLEM_KEYS: Record<StorageProblem, MessageKey> = {
  quota: 'storage.quota', unavailable: 'storage.unavailable', failed: 'storage.failed', restore: 'storage.restore', 'restore-partial': 'storage.restorePartial',
  recovered: 'storage.recovered', 'other-tab': 'storage.otherTab', superseded: 'storage.superseded',
};

/** `wasReset`: this machine is the clean one a reset just booted (the panes were remounted for it). */
export function MachineControls({ engine, onReset, wasReset }: { engine: EngineConnection; onReset(): void; wasReset: boolean }) {
  const { t } = useI18n();
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(wasReset ? { kind: 'ok', text: t('reset.done') } : null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const show = (p: { kind: StorageProblem; message: string }): void => setNote({ kind: p.kind === 'recovered' ? 'ok' : 'error', text: t(PROBLEM_KEYS[p.kind], { detail: p.message }) });
    engine.storageProblems.forEach(show);
    return engine.onStorageError(show);
  }, [engine, t]);
  const reset = async (): Promise<void> => {
    if (!confirm(t('reset.confirm'))) return;
    setBusy(true);
    setNote({ kind: 'ok', text: t('reset.running') });
    try {
      await engine.reset();
      onReset();
    } catch (e) {
      setNote({ kind: 'error', text: t('reset.failed', { message: (e as Error).message }) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="machine-controls">
      <button type="button" onClick={() => void reset()} disabled={busy} title={t('reset.title')} data-testid="reset">{t('reset.button')}</button>
      {note ? (
        <div className={`toast ${note.kind}`} role={note.kind === 'error' ? 'alert' : 'status'} data-testid="machine-message">
          {note.text}
          <button type="button" onClick={() => setNote(null)} aria-label={t('share.dismiss')}>×</button>
        </div>
      ) : null}
    </div>
  );
}
