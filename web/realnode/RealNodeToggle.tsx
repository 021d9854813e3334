// The switch for the optional real Node.js: on, it boots WebContainer and
// hands `node` processes to it; when that cannot happen (no cross-origin
// isolation, offline) it says why and `node` stays on QuickJS. Its text
// says what real Node.js does not share with the containers (limits,
// networks).
import { useState } from 'react';
import type { EngineConnection } from '../engine/connection.ts';
import { useI18n } from '../i18n/index.tsx';
import { bootRealNode } from './webcontainer.ts';

export function RealNodeToggle({ engine }: { engine: EngineConnection }) {
  const { t } = useI18n();
  const [state, setState] = useState<'off' | 'booting' | 'on'>('off');
  const [note, setNote] = useState<string | null>(null);
  const toggle = async (on: boolean): Promise<void> => {
    if (!on) { engine.useRealNode(null); setState('off'); setNote(t('realNode.offNote')); return; }
    setState('booting');
    setNote(t('realNode.booting'));
    const r = await bootRealNode();
    if (r.ok) {
      engine.useRealNode(r.host);
      setState('on');
      setNote(t('realNode.onNote'));
    } else {
      setState('off');
      setNote(t(r.reason === 'not-isolated' ? 'realNode.notIsolated' : 'realNode.failed', { detail: r.detail }));
    }
  };
  return (
    <div className="real-node">
      <label title={t('realNode.help')}>
        <input type="checkbox" checked={state !== 'off'} disabled={state === 'booting'} onChange={(e) => void toggle(e.target.checked)} data-testid="real-node-toggle" />
        {' '}{t('realNode.label')}
      </label>
      {note ? <span className="real-node-note" role="status" data-testid="real-node-note">{note}</span> : null}
    </div>
  );
}
