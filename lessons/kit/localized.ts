// Text in the course's two languages. Lessons are written Spanish first with
// an English equivalent; every string a learner sees (titles, success
// messages, hints) comes as { es, en }. Hints may carry placeholders —
// `{name}` — filled from the values a check reports ("tu imagen tiene
// {layers} capas"); both languages must use the same ones.

export const LANGS = ['es', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** One text in both languages. */
export type Localized = Readonly<Record<Lang, string>>;

/** Values for a text's placeholders. */
export type TextVars = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** The placeholder names a text uses, sorted: `placeholders('{a} y {b}')` → ['a', 'b']. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

/**
 * The text with its placeholders filled; a placeholder without a value is an
 * error (a check that forgot a value must not show "{layers}" to a learner).
 * @example fill('tu imagen tiene {layers} capas', { layers: 7 }) // 'tu imagen tiene 7 capas'
 */
export function fill(text: string, vars: TextVars = {}): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const v = vars[name];
    if (v === undefined) throw new Error(`no value for the placeholder {${name}} in "${text}"`);
    return String(v);
  });
}

/** Both languages filled. */
export function fillBoth(text: Localized, vars: TextVars = {}): Localized {
  return { es: fill(text.es, vars), en: fill(text.en, vars) };
}

/** What is wrong with `value` as a Localized text (empty when it is one). */
export function localizedIssues(value: unknown, where: string): string[] {
  if (value === null || typeof value !== 'object') return [`${where}: expected { "es": "…", "en": "…" }`];
  const v = value as Record<string, unknown>;
  const issues: string[] = [];
  for (const lang of LANGS) {
    if (typeof v[lang] !== 'string' || !(v[lang] as string).trim()) issues.push(`${where}.${lang}: missing or empty`);
  }
  for (const key of Object.keys(v)) if (!(LANGS as readonly string[]).includes(key)) issues.push(`${where}: unknown language "${key}"`);
  if (issues.length === 0) {
    const es = placeholders(v.es as string).join(', ');
    const en = placeholders(v.en as string).join(', ');
    if (es !== en) issues.push(`${where}: the languages use different placeholders (es: {${es}}, en: {${en}})`);
  }
  return issues;
}
