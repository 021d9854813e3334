// The workspace's file tree, as the WAI-ARIA tree pattern: one tab stop
// (the active item; the others are focusable by arrow keys), ↑/↓/Home/End
// move, → opens a folder or enters it, ← closes it or goes to its parent,
// Enter opens a file (or toggles a folder), F2 renames, Delete deletes.
// Rows are flat (aria-level/-setsize/-posinset) from tree.ts's visibleRows.
import { useImperativeHandle, useRef, type KeyboardEvent, type Ref } from 'react';
import type { TreeRow } from './tree.ts';
import { parentPath } from './paths.ts';

export interface FileTreeHandle {
  /** Moves keyboard focus to the item for `path` (if it is shown). */
  focus(path: string): void;
}

export interface FileTreeProps {
  ref?: Ref<FileTreeHandle>;
  label: string;
  rows: readonly TreeRow[];
  expanded: ReadonlySet<string>;
  /** The selected item (the tree's tab stop). */
  active: string | null;
  /** The file shown in the editor. */
  openPath: string | null;
  onSelect(path: string): void;
  onOpen(path: string, via: 'pointer' | 'keyboard'): void;
  onToggle(path: string, open: boolean): void;
  onRename(path: string): void;
  onDelete(path: string): void;
}

export function FileTree({ ref, label, rows, expanded, active, openPath, onSelect, onOpen, onToggle, onRename, onDelete }: FileTreeProps) {
  const items = useRef(new Map<string, HTMLLIElement>());
  useImperativeHandle(ref, () => ({ focus: (path) => items.current.get(path)?.focus() }), []);
  const tabStop = rows.some((r) => r.node.path === active) ? active : rows[0]?.node.path ?? null;

  const moveTo = (index: number): void => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    onSelect(row.node.path);
    items.current.get(row.node.path)?.focus();
  };

  const onKey = (e: KeyboardEvent<HTMLLIElement>, index: number): void => {
    const row = rows[index]!;
    const { path, type } = row.node;
    const isDir = type === 'dir';
    const open = isDir && expanded.has(path);
    let handled = true;
    switch (e.key) {
      case 'ArrowDown': moveTo(index + 1); break;
      case 'ArrowUp': moveTo(index - 1); break;
      case 'Home': moveTo(0); break;
      case 'End': moveTo(rows.length - 1); break;
      case 'ArrowRight':
        if (isDir && !open) onToggle(path, true);
        else if (open && (rows[index + 1]?.level ?? 0) > row.level) moveTo(index + 1);
        break;
      case 'ArrowLeft':
        if (open) onToggle(path, false);
        else {
          const parent = parentPath(path);
          const at = rows.findIndex((r) => r.node.path === parent);
          if (parent !== '' && at >= 0) moveTo(at);
        }
        break;
      case 'Enter':
        if (isDir) onToggle(path, !open);
        else onOpen(path, 'keyboard');
        break;
      case 'F2': onRename(path); break;
      case 'Delete': onDelete(path); break;
      case 'Backspace': if (e.metaKey) onDelete(path); else handled = false; break;
      default: handled = false;
    }
    if (handled) { e.preventDefault(); e.stopPropagation(); }
  };

  return (
    <ul role="tree" aria-label={label} className="file-tree" data-testid="file-tree">
      {rows.map((row, index) => {
        const { path, name, type } = row.node;
        const isDir = type === 'dir';
        const open = isDir && expanded.has(path);
        return (
          <li
            key={path}
            ref={(el) => { if (el) items.current.set(path, el); else items.current.delete(path); }}
            role="treeitem"
            aria-level={row.level}
            aria-setsize={row.setSize}
            aria-posinset={row.posInSet}
            aria-expanded={isDir ? open : undefined}
            aria-selected={path === active}
            aria-current={path === openPath ? 'true' : undefined}
            tabIndex={path === tabStop ? 0 : -1}
            className={`file-item ${isDir ? 'dir' : 'file'}${path === openPath ? ' open' : ''}`}
            style={{ paddingInlineStart: `${0.3 + (row.level - 1) * 0.9}rem` }}
            data-testid={`file-item-${path}`}
            title={path}
            onFocus={() => { if (path !== active) onSelect(path); }}
            onClick={() => {
              onSelect(path);
              if (isDir) onToggle(path, !open);
              else onOpen(path, 'pointer');
            }}
            onKeyDown={(e) => onKey(e, index)}
          >
            <span className="file-icon" aria-hidden="true">{isDir ? (open ? '▾' : '▸') : type === 'symlink' ? '↪' : '·'}</span>
            <span className="file-name">{name}</span>
          </li>
        );
      })}
    </ul>
  );
}
