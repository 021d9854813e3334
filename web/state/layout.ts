// Layout state the page keeps: the colour theme (the system's until the
// visitor picks one, then theirs) and whether the page is a narrow column.
import { useEffect, useState } from 'react';

export type Theme = 'light' | 'dark';
const THEME_KEY = 'playground.theme';

function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem(THEME_KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch { /* storage blocked */ }
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function useTheme(): [Theme, (t: Theme) => void] {
  const [theme, set] = useState<Theme>(initialTheme);
  useEffect(() => { document.documentElement.dataset.theme = theme; }, [theme]);
  return [theme, (t) => { set(t); try { localStorage.setItem(THEME_KEY, t); } catch { /* not kept */ } }];
}

/** True when the page is narrower than `px` (a tutorial's embed, a phone, 200% zoom). */
export function useNarrow(px = 820): boolean {
  const query = `(max-width: ${px}px)`;
  const [narrow, setNarrow] = useState(() => typeof matchMedia === 'function' && matchMedia(query).matches);
  useEffect(() => {
    const m = matchMedia(query);
    const on = (): void => setNarrow(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, [query]);
  return narrow;
}
