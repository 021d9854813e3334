// Asked when a lesson's files would replace files the student changed: use
// the lesson's (the student's kept beside them as NAME.bak) or keep theirs.
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/index.tsx';
import type { ConflictAnswer } from './controller.ts';

export interface PendingConflict { paths: string[]; resolve(answer: ConflictAnswer): void }

export function ConflictDialog({ conflict }: { conflict: PendingConflict }) {
  const { t } = useI18n();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => { first.current?.focus(); }, []);
  return (
    <div className="lessons-dialog" role="alertdialog" aria-labelledby="lesson-conflict-title" aria-describedby="lesson-conflict-text" data-testid="lesson-conflict">
      <h3 id="lesson-conflict-title">{t('lessons.conflictTitle')}</h3>
      <p id="lesson-conflict-text">{t('lessons.conflict', { files: conflict.paths.join(', ') })}</p>
      <div className="lessons-dialog-actions">
        <button type="button" ref={first} onClick={() => conflict.resolve('keep-copy')}>{t('lessons.conflictCopy')}</button>
        <button type="button" onClick={() => conflict.resolve('keep-mine')}>{t('lessons.conflictKeep')}</button>
      </div>
    </div>
  );
}
