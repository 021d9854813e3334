// The Dockerfile support in the page's language. dockerfile-language-service
// and dockerfile-utils speak English only; in Spanish this module
//   - documents instructions, flags and directives (hovers, completion
//     items) from dockerfile-docs.es.ts: each library entry is one message
//     of its table followed by examples and a link, so the message is
//     swapped and the examples and link (its label translated) are kept;
//   - translates diagnostics by matching each message against the
//     validator's English templates and refilling the Spanish template of
//     dockerfile-diagnostics.es.ts with the same values.
// Anything the tables do not cover stays in English, never half-translated.
// Loaded with the Dockerfile support chunk (dockerfile-language.ts), never by
// the page's entry.
import type { Hover } from 'vscode-languageserver-types';
import { MarkdownDocumentation } from 'dockerfile-language-service/lib/dockerMarkdown';
import { Validator } from 'dockerfile-utils/lib/dockerValidator';
import type { Lang } from '../i18n/index.tsx';
import { DOCS_ES } from './dockerfile-docs.es.ts';
import { DIAGNOSTICS_ES } from './dockerfile-diagnostics.es.ts';

type Table = Readonly<Record<string, string>>;

/** The service's documentation tables (private fields of MarkdownDocumentation). */
export function libraryDocs(): { messages: Table; entries: ReadonlyMap<string, string> } {
  const md = new MarkdownDocumentation() as unknown as { dockerMessages: Table; markdowns: Readonly<Record<string, { contents: string }>> };
  return { messages: md.dockerMessages, entries: new Map(Object.entries(md.markdowns).map(([k, v]) => [k, v.contents])) };
}

/** The validator's message templates (a private static of Validator). */
export function libraryDiagnostics(): Table {
  return (Validator as unknown as { dockerProblems: Table }).dockerProblems;
}

const FOOTER = 'hoverOnlineDocumentationFooter';
const own = (table: Table, key: string): string | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

/**
 * `english` (a library entry) in Spanish: its leading message (the longest
 * of `messages` it starts with) swapped for the Spanish one, the link's
 * label too. Null when some part has no Spanish.
 */
export function translateDoc(english: string, messages: Table, spanish: Table): string | null {
  let lead: string | null = null;
  for (const [key, text] of Object.entries(messages)) {
    if (key === FOOTER || text === '' || !english.startsWith(text)) continue;
    if (lead === null || text.length > (messages[lead] ?? '').length) lead = key;
  }
  const es = lead === null ? undefined : own(spanish, lead);
  if (lead === null || es === undefined) return null;
  let rest = english.slice((messages[lead] ?? '').length);
  const [enLink] = (messages[FOOTER] ?? '').split('${0}');
  const [esLink] = (own(spanish, FOOTER) ?? '').split('${0}');
  if (enLink) {
    const at = rest.lastIndexOf(enLink);
    if (at >= 0) {
      if (!esLink) return null;
      rest = rest.slice(0, at) + esLink + rest.slice(at + enLink.length);
    }
  }
  return es + rest;
}

/** The service's MarkdownDocumentation, answering in Spanish (English where the table has no entry). */
class SpanishMarkdown extends MarkdownDocumentation {
  readonly #spanish = new Map<string, Hover>();
  constructor() {
    super();
    const { messages, entries } = libraryDocs();
    for (const [key, english] of entries) {
      const es = translateDoc(english, messages, DOCS_ES);
      if (es !== null) this.#spanish.set(key, { contents: es });
    }
  }
  override getMarkdown(word: string): Hover {
    return this.#spanish.get(word) ?? super.getMarkdown(word);
  }
}

let english: MarkdownDocumentation | null = null;
let spanish: MarkdownDocumentation | null = null;

/** The documentation DockerHover and completion items use, in `lang`. */
export function markdownDocs(lang: Lang): MarkdownDocumentation {
  if (lang === 'es') return (spanish ??= new SpanishMarkdown());
  return (english ??= new MarkdownDocumentation());
}

interface Template { pattern: RegExp; slots: number[]; es: string; literal: number }

/** A template's placeholders (`${0}`) in order of appearance, and a regex that captures them. */
function compile(english: string, es: string): Template {
  const slots: number[] = [];
  const parts = english.split(/\$\{(\d+)\}/);
  let source = '^';
  let literal = 0;
  parts.forEach((part, i) => {
    if (i % 2 === 1) { slots.push(Number(part)); source += '([\\s\\S]*?)'; return; }
    literal += part.length;
    source += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return { pattern: new RegExp(source + '$'), slots, es, literal };
}

/** `${n}` of `template` (in either language), sorted. */
export const placeholders = (template: string): string[] => [...new Set(template.match(/\$\{\d+\}/g) ?? [])].sort();

let templates: Template[] | null = null;
function spanishTemplates(): Template[] {
  if (templates) return templates;
  const list: Template[] = [];
  for (const [key, en] of Object.entries(libraryDiagnostics())) {
    const es = own(DIAGNOSTICS_ES, key);
    if (es !== undefined && placeholders(es).join() === placeholders(en).join()) list.push(compile(en, es));
  }
  // The most specific template first: "SHELL requires at least one argument" before "${0} requires at least one argument".
  return (templates = list.sort((a, b) => b.literal - a.literal));
}

/** Longer messages are left in English (the matching is linear in a message only for a bounded count of templates). */
const MAX_TRANSLATED_CHARS = 16 * 1024;

/** A dockerfile-utils message in `lang`: `Unknown instruction: EXPOS` → `Instrucción desconocida: EXPOS`; unknown messages unchanged. */
export function translateDiagnostic(message: string, lang: Lang): string {
  if (lang !== 'es' || message.length > MAX_TRANSLATED_CHARS) return message;
  for (const t of spanishTemplates()) {
    const m = t.pattern.exec(message);
    if (!m) continue;
    const values = new Map(t.slots.map((slot, i) => [slot, m[i + 1] ?? '']));
    return t.es.replace(/\$\{(\d+)\}/g, (whole, n: string) => values.get(Number(n)) ?? whole);
  }
  return message;
}
