// The page's one i18n layer: the language (the browser's by default, the
// visitor's choice once made, kept in localStorage), and `t(key, vars)` for
// every string shown.
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, es, type MessageKey } from './messages.ts';

export type Lang = 'en' | 'es';
const TABLES: Record<Lang, Record<MessageKey, string>> = { en, es };
const STORAGE_KEY = 'playground.lang';

/** The language to start in: a saved choice, else the browser's (Spanish or English). */
export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'es') return saved;
  } catch { /* storage blocked (a sandboxed iframe): use the browser's language */ }
  const langs = typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : [];
  return langs.some((l) => l.toLowerCase().startsWith('es')) ? 'es' : 'en';
}

/** `t('engine.ready', { images: 4 })` → "Engine ready: 4 built-in images". */
export function translate(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return TABLES[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

interface I18n { lang: Lang; setLang(l: Lang): void; t(key: MessageKey, vars?: Record<string, string | number>): string }

const Context = createContext<I18n>({ lang: 'en', setLang: () => {}, t: (k, v) => translate('en', k, v) });

export function I18nProvider({ children, lang: forced }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(forced ?? initialLang());
  const value = useMemo<I18n>(() => ({
    lang,
    setLang: (l) => {
      setLangState(l);
      try { localStorage.setItem(STORAGE_KEY, l); } catch { /* not saved: fine */ }
      document.documentElement.lang = l;
    },
    t: (key, vars) => translate(lang, key, vars),
  }), [lang]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  return useContext(Context);
}
