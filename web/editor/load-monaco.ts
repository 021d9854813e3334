// Loads the editor on demand: Monaco (monaco-setup.ts) and the Dockerfile
// language service (dockerfile-language.ts) are dynamic imports, so they
// are chunks of their own that the page fetches after its first paint —
// never part of the entry bundle, nor of the file tree's chunk.
import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { ImageSource } from './local-images.ts';

export type MonacoApi = typeof Monaco;

let loading: Promise<MonacoApi> | null = null;
let gate: Promise<unknown> = Promise.resolve();

/**
 * Holds Monaco back until `until` settles (the page sets it to "the engine is
 * up and the terminal has its prompt"): the editor's chunks and their
 * start-up work come after what the student needs first.
 */
export function deferMonacoUntil(until: Promise<unknown>): void {
  gate = until.then(() => {}, () => {});
}

/**
 * Monaco, loaded once; a failed load (a chunk that did not arrive) may be
 * retried. In Spanish, Monaco's own strings (its find widget, hovers,
 * menus) come from its Spanish table, which must be in place before Monaco's
 * modules run: the language of the first call is the one Monaco keeps.
 */
export function loadMonaco(lang: 'en' | 'es'): Promise<MonacoApi> {
  loading ??= (async () => {
    await gate;
    if (lang === 'es') await import('monaco-editor/nls/lang/es');
    return (await import('./monaco-setup.ts')).setupMonaco();
  })();
  loading.catch(() => { loading = null; });
  return loading;
}

/** Loads the Dockerfile support and registers it on `monaco`, speaking `lang`; resolves to what unregisters it. */
export async function loadDockerfileSupport(monaco: MonacoApi, images: ImageSource, lang: 'en' | 'es'): Promise<Monaco.IDisposable> {
  const { registerDockerfileLanguage } = await import('./dockerfile-language.ts');
  return registerDockerfileLanguage(monaco, images, lang);
}
