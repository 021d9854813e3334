// The file tree's two inline dialogs, shown above the tree rather than as
// browser pop-ups (which a framing page may block): the name prompt for a
// new file, a new folder or a rename, and the confirmation before a
// delete. Both take focus when they appear, Escape cancels, and focus goes
// back to the tree when they close (the caller's onDone/onCancel).
import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/index.tsx';

export interface NamePromptProps {
  title: string;
  initial: string;
  /** Select only the last name (a rename), rather than put the caret at the end. */
  selectBaseName?: boolean;
  error: string | null;
  busy: boolean;
  onSubmit(typed: string): void;
  onCancel(): void;
}

export function NamePrompt({ title, initial, selectBaseName, error, busy, onSubmit, onCancel }: NamePromptProps) {
  const { t } = useI18n();
  const [value, setValue] = useState(initial);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.focus();
    const start = selectBaseName ? initial.lastIndexOf('/') + 1 : initial.length;
    const dot = initial.lastIndexOf('.');
    const end = selectBaseName ? (dot > start ? dot : initial.length) : initial.length;
    el.setSelectionRange(start, end);
  }, [initial, selectBaseName]);
  return (
    <form
      className="file-dialog"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => { e.preventDefault(); if (!busy) onSubmit(value); }}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); onCancel(); } }}
    >
      <strong id={`${id}-title`}>{title}</strong>
      <label htmlFor={`${id}-input`}>{t('files.namePrompt')}</label>
      <input
        id={`${id}-input`} ref={input} value={value} spellCheck={false} autoComplete="off"
        aria-invalid={error !== null} aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setValue(e.target.value)}
      />
      {error && <p id={`${id}-error`} className="file-dialog-error" role="alert">{error}</p>}
      <div className="file-dialog-buttons">
        <button type="submit" disabled={busy}>{t('files.ok')}</button>
        <button type="button" onClick={onCancel}>{t('files.cancel')}</button>
      </div>
    </form>
  );
}

export interface ConfirmDeleteProps {
  message: string;
  error: string | null;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDelete({ message, error, busy, onConfirm, onCancel }: ConfirmDeleteProps) {
  const { t } = useI18n();
  const confirm = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => { confirm.current?.focus(); }, []);
  return (
    <div
      className="file-dialog" role="alertdialog" aria-labelledby={`${id}-msg`}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); onCancel(); } }}
    >
      <p id={`${id}-msg`}>{message}</p>
      {error && <p className="file-dialog-error" role="alert">{error}</p>}
      <div className="file-dialog-buttons">
        <button type="button" ref={confirm} className="danger" disabled={busy} onClick={onConfirm} data-testid="confirm-delete">{t('files.delete')}</button>
        <button type="button" onClick={onCancel}>{t('files.cancel')}</button>
      </div>
    </div>
  );
}
