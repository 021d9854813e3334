import { describe, expect, it } from 'vitest';
import { DOCS_ES } from './dockerfile-docs.es.ts';
import { DIAGNOSTICS_ES } from './dockerfile-diagnostics.es.ts';
import { libraryDiagnostics, libraryDocs, markdownDocs, placeholders, translateDiagnostic, translateDoc } from './dockerfile-i18n.ts';
import { dockerfileCompletions, dockerfileHover, dockerfileMarkers, type EditorRange } from './dockerfile-language.ts';
import type { ImageSource } from './local-images.ts';

const images: ImageSource = { getTags: async () => [], repositories: async () => [] };
const at = (lineNumber: number, column: number): EditorRange => ({ startLineNumber: lineNumber, startColumn: column, endLineNumber: lineNumber, endColumn: column });

describe('Spanish documentation covers everything dockerfile-language-service documents', () => {
  const { messages, entries } = libraryDocs();
  it('has a Spanish message for each message of the library', () => {
    expect(Object.keys(messages).length).toBeGreaterThan(30);
    expect(Object.keys(messages).filter((k) => !Object.hasOwn(DOCS_ES, k))).toEqual([]);
    expect(Object.keys(DOCS_ES).filter((k) => !Object.hasOwn(messages, k))).toEqual([]);
  });
  it('documents each instruction, flag and directive in Spanish', () => {
    expect(entries.size).toBeGreaterThan(30);
    const docs = markdownDocs('es');
    const untranslated = [...entries].filter(([key, english]) => {
      const es = docs.getMarkdown(key) as { contents: string } | undefined;
      return !es || es.contents === english;
    }).map(([key]) => key);
    expect(untranslated).toEqual([]);
  });
  it('keeps the examples and the link, with a Spanish label', () => {
    const from = markdownDocs('es').getMarkdown('FROM') as { contents: string };
    expect(from.contents).toMatch(/^Fija la imagen base/);
    expect(from.contents).toContain('```\nFROM baseImage\nFROM baseImage:tag\n');
    expect(from.contents).toContain('[Documentación en línea (en inglés)](https://docs.docker.com/engine/reference/builder/#from)');
    expect(from.contents).not.toContain('Online documentation');
  });
  it('keeps the library\'s English in English', () => {
    expect(markdownDocs('en').getMarkdown('FROM')).toEqual({ contents: entries.get('FROM') });
  });
  it('gives null (so English is used) for an entry whose message has no Spanish', () => {
    expect(translateDoc('Brand new text.\n\n```\nX\n```', { hoverNew: 'Brand new text.\n\n' }, {})).toBeNull();
    expect(translateDoc('Something else', { hoverAdd: 'Copy' }, { hoverAdd: 'Copia' })).toBeNull();
  });
});

describe('Spanish diagnostics cover every dockerfile-utils template', () => {
  const templates = libraryDiagnostics();
  it('has a Spanish template, with the same placeholders, for each of the library\'s', () => {
    expect(Object.keys(templates).length).toBeGreaterThan(40);
    const missing = Object.keys(templates).filter((k) => !Object.hasOwn(DIAGNOSTICS_ES, k));
    expect(missing).toEqual([]);
    const mismatched = Object.entries(templates).filter(([k, en]) => placeholders(en).join() !== placeholders(DIAGNOSTICS_ES[k] ?? '').join()).map(([k]) => k);
    expect(mismatched).toEqual([]);
    expect(Object.keys(DIAGNOSTICS_ES).filter((k) => !Object.hasOwn(templates, k))).toEqual([]);
  });
  it('translates every template, filled with values, back to its own Spanish template', () => {
    for (const [key, en] of Object.entries(templates)) {
      const values = ['«a»', '«b»'];
      const fill = (t: string): string => t.replace(/\$\{(\d+)\}/g, (_, n: string) => values[Number(n)] ?? '');
      const message = fill(en);
      // Several templates can read the same once filled ("SHELL requires at least one argument"); any of theirs is right.
      const same = Object.entries(templates).filter(([, other]) => fill(other) === message).map(([k]) => fill(DIAGNOSTICS_ES[k]!));
      expect(same, key).toContain(translateDiagnostic(message, 'es'));
    }
  });
  it('fills in the values from the message', () => {
    expect(translateDiagnostic('Unknown instruction: EXPOS', 'es')).toBe('Instrucción desconocida: EXPOS');
    expect(translateDiagnostic('--retries must be at least 1 (not 0)', 'es')).toBe('--retries debe ser al menos 1 (no 0)');
    expect(translateDiagnostic('SHELL requires at least one argument', 'es')).toBe('SHELL necesita al menos un argumento');
    expect(translateDiagnostic('COPY requires at least one argument', 'es')).toBe('COPY necesita al menos un argumento');
  });
  it('leaves an unknown message, and every message in English, as it is', () => {
    expect(translateDiagnostic('Something new the library says', 'es')).toBe('Something new the library says');
    expect(translateDiagnostic('Unknown instruction: EXPOS', 'en')).toBe('Unknown instruction: EXPOS');
  });
});

describe('the Dockerfile support in Spanish', () => {
  it('diagnoses in Spanish', () => {
    const [unknown] = dockerfileMarkers('FROM alpine\nEXPOS 80\n', 'es');
    expect(unknown).toMatchObject({ severity: 'Error', message: 'Instrucción desconocida: EXPOS', startLineNumber: 2 });
    const deprecated = dockerfileMarkers('FROM alpine\nMAINTAINER me\n', 'es').find((m) => m.tags.includes('Deprecated'));
    expect(deprecated?.message).toBe('La instrucción MAINTAINER está obsoleta');
    expect(dockerfileMarkers('RUN echo hi\n', 'es').map((m) => m.message)).toContain('Falta la imagen de origen en `FROM`');
  });
  it('documents the instruction and the flag under the cursor in Spanish', () => {
    expect(dockerfileHover('FROM alpine\nCOPY a /b\n', { lineNumber: 2, column: 2 }, 'es')?.contents.join('\n')).toMatch(/^Copia ficheros o carpetas/);
    expect(dockerfileHover('FROM alpine AS build\nFROM alpine\nCOPY --from=build a /b\n', { lineNumber: 3, column: 8 }, 'es')?.contents.join('\n')).toMatch(/etapa de construcción anterior/);
    expect(dockerfileHover('FROM alpine\nCOPY a /b\n', { lineNumber: 2, column: 2 }, 'en')?.contents.join('\n')).toMatch(/^Copy files or folders/);
  });
  it('documents completion items in Spanish', async () => {
    const items = await dockerfileCompletions('FROM alpine\nRU', { lineNumber: 2, column: 3 }, images, at(2, 1), 'es');
    expect(items.find((i) => i.label.startsWith('RUN'))?.documentation).toMatch(/^Ejecuta comandos sobre la imagen actual en una nueva capa/);
    const flags = await dockerfileCompletions('FROM alpine\nCOPY --', { lineNumber: 2, column: 8 }, images, at(2, 8), 'es');
    expect(flags.find((i) => i.label === '--chown=user:group')?.documentation).toMatch(/propietaria del contenido copiado/);
  });
});
