// Dockerfile intelligence in the editor: completion, hover documentation,
// diagnostics (markers) and formatting from dockerfile-language-service and
// dockerfile-utils, the libraries behind VS Code's Dockerfile support.
//
// They target Node, so the glue does two things besides translating LSP
// shapes (0-based) into Monaco's (1-based):
//   - dockerfile-ast wants `Buffer.from` while parsing: lent per call (buffer-shim.ts);
//   - the service's completion asks Docker Hub for image tags over `https`.
//     Its public LanguageService builds that client itself, so this module
//     uses the service's own completion and hover classes (DockerAssist,
//     DockerHover — what LanguageService wraps) and hands DockerAssist a
//     client that answers from the engine's images (local-images.ts). The
//     Node `https` code is never imported and the page makes no request.
// In Spanish, documentation and diagnostics come through dockerfile-i18n.ts.
// The pure functions below are tested in Node; registerDockerfileLanguage
// wires them into the lazily loaded Monaco it is given.
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, DiagnosticSeverity, DiagnosticTag, InsertTextFormat, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import { validate, format } from 'dockerfile-utils';
import { DockerAssist } from 'dockerfile-language-service/lib/dockerAssist';
import { DockerHover } from 'dockerfile-language-service/lib/dockerHover';
import { PlainTextDocumentation } from 'dockerfile-language-service/lib/dockerPlainText';
import type { Lang } from '../i18n/index.tsx';
import { withBuffer } from './buffer-shim.ts';
import { markdownDocs, translateDiagnostic } from './dockerfile-i18n.ts';
import type { ImageSource } from './local-images.ts';

export const DOCKERFILE = 'dockerfile';
const MARKER_OWNER = 'dockerfile-utils';
const VALIDATE_DELAY_MS = 250;
/** Dockerfiles larger than this get no diagnostics (the parse runs on the page's thread). */
export const MAX_VALIDATED_CHARS = 512 * 1024;

/** A Monaco range (1-based lines and columns). */
export interface EditorRange { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number }
export interface EditorPosition { lineNumber: number; column: number }

type MonacoKind = keyof typeof Monaco.languages.CompletionItemKind;

export interface DockerfileCompletion {
  label: string;
  /** Monaco's CompletionItemKind, by name. */
  kind: MonacoKind;
  insertText: string;
  /** insertText uses snippet syntax (`RUN ${1:command}`). */
  snippet: boolean;
  range: EditorRange;
  documentation?: string;
  detail?: string;
  deprecated: boolean;
  sortText?: string;
  filterText?: string;
}

export interface DockerfileMarker extends EditorRange {
  severity: 'Error' | 'Warning' | 'Info' | 'Hint';
  message: string;
  code?: string;
  source: string;
  tags: Array<'Unnecessary' | 'Deprecated'>;
}

export interface DockerfileHover { contents: string[]; range?: EditorRange }

const toRange = (r: Range): EditorRange => ({
  startLineNumber: r.start.line + 1, startColumn: r.start.character + 1,
  endLineNumber: r.end.line + 1, endColumn: r.end.character + 1,
});
const toLsp = (p: EditorPosition): { line: number; character: number } => ({ line: p.lineNumber - 1, character: p.column - 1 });

const KIND_NAMES = new Map<number, MonacoKind>(
  Object.entries(CompletionItemKind).map(([name, n]) => [n as number, name as MonacoKind]),
);
const SEVERITY = new Map<number, DockerfileMarker['severity']>([
  [DiagnosticSeverity.Error, 'Error'], [DiagnosticSeverity.Warning, 'Warning'],
  [DiagnosticSeverity.Information, 'Info'], [DiagnosticSeverity.Hint, 'Hint'],
]);

/** Diagnostics for a Dockerfile, in `lang`: `dockerfileMarkers('FROM\n')` → one Error on line 1. */
export function dockerfileMarkers(text: string, lang: Lang = 'en'): DockerfileMarker[] {
  if (text.length > MAX_VALIDATED_CHARS) return [];
  return withBuffer(() => validate(text)).map((d) => ({
    ...toRange(d.range),
    severity: SEVERITY.get(d.severity ?? DiagnosticSeverity.Error) ?? 'Error',
    message: translateDiagnostic(typeof d.message === 'string' ? d.message : d.message.value, lang),
    ...(d.code !== undefined && { code: String(d.code) }),
    source: d.source ?? MARKER_OWNER,
    tags: (d.tags ?? []).map((t) => (t === DiagnosticTag.Deprecated ? 'Deprecated' : 'Unnecessary')),
  }));
}

const plainText = new PlainTextDocumentation();
const CAPABILITIES = { snippetSupport: true, deprecatedSupport: true, documentationFormat: [MarkupKind.Markdown] };

/** The text of a FROM line up to the cursor, when the cursor is in its image name (before any `:`). */
const FROM_IMAGE = /^\s*FROM\s+(?:--\S+\s+)*([^\s:@]*)$/i;

/**
 * Completion at `position`: instructions, flags, variables, build stages
 * (the service's), plus the engine's image names after FROM and their tags
 * after `FROM name:`. `fallback` is the range an item replaces when the
 * service gives none (Monaco's word at the cursor). Documented in `lang`.
 */
export async function dockerfileCompletions(text: string, position: EditorPosition, images: ImageSource, fallback: EditorRange, lang: Lang = 'en'): Promise<DockerfileCompletion[]> {
  const document = TextDocument.create('file:///Dockerfile', DOCKERFILE, 0, text);
  // The service's client type has private fields; ImageSource answers the one method it calls.
  const client = { getTags: (image: string) => images.getTags(image) } as unknown as ConstructorParameters<typeof DockerAssist>[1];
  const assist = new DockerAssist(document, client, CAPABILITIES);
  const items: CompletionItem[] = [...await withBuffer(() => assist.computeProposals(toLsp(position)))];
  const line = text.split('\n')[position.lineNumber - 1] ?? '';
  const typed = FROM_IMAGE.exec(line.slice(0, position.column - 1));
  if (typed) {
    const prefix = typed[1] ?? '';
    const known = new Set(items.map((i) => i.label));
    for (const repo of await images.repositories()) {
      if (!repo.startsWith(prefix) || known.has(repo)) continue;
      items.push({
        label: repo, kind: CompletionItemKind.Module, insertTextFormat: InsertTextFormat.PlainText,
        textEdit: { newText: repo, range: { start: { line: position.lineNumber - 1, character: position.column - 1 - prefix.length }, end: toLsp(position) } },
      });
    }
  }
  // What the service's DockerCompletion.resolveCompletionItem does, from the documentation in `lang`.
  const docs = markdownDocs(lang);
  const resolve = (item: CompletionItem): CompletionItem => {
    const doc = !item.documentation && typeof item.data === 'string' ? docs.getMarkdown(item.data) as { contents: string } | undefined : undefined;
    return doc ? { ...item, documentation: { kind: MarkupKind.Markdown, value: doc.contents } } : item;
  };
  return items.map((item) => toCompletion(resolve(item), fallback));
}

function toCompletion(item: CompletionItem, fallback: EditorRange): DockerfileCompletion {
  const edit = item.textEdit;
  const range = edit && 'range' in edit ? toRange(edit.range) : edit ? toRange(edit.replace) : fallback;
  const doc = item.documentation;
  return {
    label: item.label,
    kind: KIND_NAMES.get(item.kind ?? CompletionItemKind.Text) ?? 'Text',
    insertText: edit?.newText ?? item.insertText ?? item.label,
    snippet: item.insertTextFormat === InsertTextFormat.Snippet,
    range,
    ...(doc !== undefined && { documentation: typeof doc === 'string' ? doc : doc.value }),
    ...(item.detail !== undefined && { detail: item.detail }),
    deprecated: item.deprecated === true || (item.tags ?? []).includes(1),
    ...(item.sortText !== undefined && { sortText: item.sortText }),
    ...(item.filterText !== undefined && { filterText: item.filterText }),
  };
}

/** Documentation of the instruction, flag or directive at `position`, in `lang`, or null. */
export function dockerfileHover(text: string, position: EditorPosition, lang: Lang = 'en'): DockerfileHover | null {
  const hover = withBuffer(() => new DockerHover(markdownDocs(lang), plainText).onHover(text, toLsp(position), [MarkupKind.Markdown]));
  if (!hover) return null;
  const c = hover.contents;
  const contents = (Array.isArray(c) ? c : [c]).map((part) => (typeof part === 'string' ? part : part.value));
  return { contents, ...(hover.range && { range: toRange(hover.range) }) };
}

/** The edits that format a Dockerfile (instructions' indentation and continuation lines). */
export function dockerfileFormatEdits(text: string, options: { tabSize: number; insertSpaces: boolean }): Array<{ range: EditorRange; text: string }> {
  return withBuffer(() => format(text, options)).map((e) => ({ range: toRange(e.range), text: e.newText }));
}

/**
 * Registers completion, hover, formatting and live diagnostics for the
 * 'dockerfile' language on `monaco` (the monarch tokenizer that colours it
 * is Monaco's own), documented and diagnosed in `lang`. Returns what undoes it.
 */
export function registerDockerfileLanguage(monaco: typeof Monaco, images: ImageSource, lang: Lang): Monaco.IDisposable {
  const { languages, editor, MarkerSeverity, MarkerTag } = monaco;
  const disposables: Monaco.IDisposable[] = [];
  disposables.push(languages.registerCompletionItemProvider(DOCKERFILE, {
    triggerCharacters: ['-', '$', ':', '=', '{'],
    async provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const fallback = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
      const found = await dockerfileCompletions(model.getValue(), position, images, fallback, lang);
      return {
        suggestions: found.map((c) => ({
          label: c.label,
          kind: languages.CompletionItemKind[c.kind],
          insertText: c.insertText,
          ...(c.snippet && { insertTextRules: languages.CompletionItemInsertTextRule.InsertAsSnippet }),
          range: c.range,
          ...(c.documentation !== undefined && { documentation: { value: c.documentation } }),
          ...(c.detail !== undefined && { detail: c.detail }),
          ...(c.deprecated && { tags: [languages.CompletionItemTag.Deprecated] }),
          ...(c.sortText !== undefined && { sortText: c.sortText }),
          ...(c.filterText !== undefined && { filterText: c.filterText }),
        })),
      };
    },
  }));
  disposables.push(languages.registerHoverProvider(DOCKERFILE, {
    provideHover(model, position) {
      const h = dockerfileHover(model.getValue(), position, lang);
      return h && { contents: h.contents.map((value) => ({ value })), ...(h.range && { range: h.range }) };
    },
  }));
  disposables.push(languages.registerDocumentFormattingEditProvider(DOCKERFILE, {
    provideDocumentFormattingEdits: (model, options) => dockerfileFormatEdits(model.getValue(), options),
  }));

  const watched = new Map<string, Monaco.IDisposable[]>();
  const check = (model: Monaco.editor.ITextModel): void => {
    if (model.isDisposed()) return;
    const markers = model.getLanguageId() === DOCKERFILE ? dockerfileMarkers(model.getValue(), lang) : [];
    editor.setModelMarkers(model, MARKER_OWNER, markers.map((m) => ({
      ...m,
      severity: MarkerSeverity[m.severity],
      tags: m.tags.map((t) => MarkerTag[t]),
    })));
  };
  const watch = (model: Monaco.editor.ITextModel): void => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const soon = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => { timer = null; check(model); }, VALIDATE_DELAY_MS);
    };
    check(model);
    const key = model.uri.toString();
    watched.set(key, [
      model.onDidChangeContent(soon),
      model.onDidChangeLanguage(() => check(model)),
      model.onWillDispose(() => { if (timer) clearTimeout(timer); for (const d of watched.get(key) ?? []) d.dispose(); watched.delete(key); }),
    ]);
  };
  for (const model of editor.getModels()) watch(model);
  disposables.push(editor.onDidCreateModel(watch));
  return {
    dispose: () => {
      for (const d of disposables) d.dispose();
      for (const list of watched.values()) for (const d of list) d.dispose();
      watched.clear();
    },
  };
}
