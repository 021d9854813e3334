// The terminal pane: xterm.js (with fit, web-links and search) showing a
// shell on the engine's host machine. It takes keys from the first paint:
// what is typed before the engine is ready is kept and sent once it is.
// A shell that ends (exit, ^D) is replaced by a new one on Enter.
import { useEffect, useRef, useState } from 'react';
import { Terminal as XTerm } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import type { SearchAddon } from '@xterm/addon-search';
import '@xterm/xterm/css/xterm.css';
import type { EngineConnection, TerminalHandle } from '../engine/connection.ts';
import { useI18n } from '../i18n/index.tsx';

const DARK = { background: '#1e1e1e', foreground: '#d4d4d4', cursor: '#d4d4d4', selectionBackground: '#264f78' };
const LIGHT = { background: '#ffffff', foreground: '#1e1e1e', cursor: '#1e1e1e', selectionBackground: '#add6ff' };

export function Terminal({ engine, theme }: { engine: EngineConnection; theme: 'light' | 'dark' }) {
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<XTerm | null>(null);
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const search = useRef<SearchAddon | null>(null);
  /** The search addon loads when the search box is first used. */
  const finder = async (): Promise<SearchAddon | null> => {
    if (!search.current && term.current) {
      const { SearchAddon } = await import('@xterm/addon-search');
      search.current = new SearchAddon();
      term.current.loadAddon(search.current);
    }
    return search.current;
  };
  const welcome = useRef(t('terminal.welcome'));
  const tabMoves = useRef(false);
  const [tabMode, setTabMode] = useState(false);
  const exitedText = useRef(t('terminal.exited', { code: '{code}' }));

  useEffect(() => {
    const xterm = new XTerm({ convertEol: false, cursorBlink: true, fontSize: 14, scrollback: 5000, theme: theme === 'dark' ? DARK : LIGHT, allowProposedApi: false });
    const fit = new FitAddon();
    xterm.loadAddon(fit);
    xterm.loadAddon(new WebLinksAddon());
    xterm.open(host.current!);
    fit.fit();
    term.current = xterm;
    xterm.writeln(`\x1b[2m${welcome.current}\x1b[0m`);
    let session: TerminalHandle | null = null;
    let typedEarly = '';
    let ended = false;
    let disposed = false;
    const open = (): void => {
      ended = false;
      session = engine.openTerminal(xterm.cols, xterm.rows, (d) => xterm.write(d), (code) => {
        ended = true;
        session = null;
        xterm.writeln(`\r\n\x1b[2m${exitedText.current.replace('{code}', String(code))}\x1b[0m`);
      });
      if (typedEarly) { session.input(typedEarly); typedEarly = ''; }
    };
    // Tab completes in the shell; Ctrl+M switches Tab to moving the focus out (no keyboard trap), as in the editor.
    xterm.attachCustomKeyEventHandler((e) => {
      if (e.type === 'keydown' && e.ctrlKey && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'm') {
        tabMoves.current = !tabMoves.current;
        setTabMode(tabMoves.current);
        return false;
      }
      return !(tabMoves.current && e.key === 'Tab');
    });
    const keys = xterm.onData((data) => {
      if (ended) { if (data.includes('\r')) open(); return; }
      if (session) session.input(data);
      else typedEarly += data;
    });
    const resize = xterm.onResize(({ cols, rows }) => session?.resize(cols, rows));
    void engine.ready.then(() => { if (!disposed) open(); }, () => {});
    const observer = new ResizeObserver(() => { try { fit.fit(); } catch { /* hidden */ } });
    observer.observe(host.current!);
    xterm.focus();
    return () => {
      disposed = true;
      observer.disconnect();
      keys.dispose();
      resize.dispose();
      xterm.dispose();
    };
  }, [engine]);

  useEffect(() => {
    if (term.current) term.current.options.theme = theme === 'dark' ? DARK : LIGHT;
  }, [theme]);

  return (
    <section className="terminal-pane" aria-label={t('terminal.label')}>
      <div className="terminal-tools">
        <span className="hint" aria-live="polite">{tabMode ? t('terminal.tabMoves') : t('terminal.tabHint')}</span>
        <input
          type="search" value={query} placeholder={t('terminal.search')} aria-label={t('terminal.search')}
          onChange={(e) => { const q = e.target.value; setQuery(q); void finder().then((f) => f?.findNext(q)); }}
          onKeyDown={(e) => { if (e.key === 'Enter') void finder().then((f) => f?.findNext(query)); }}
        />
      </div>
      <div className="terminal-host" ref={host} data-testid="terminal" />
    </section>
  );
}
