// Monaco, assembled for this page and loaded only when the editor pane
// asks (loadMonaco's dynamic import): the slim API entry
// (monaco-editor/editor/editor.api) plus just the editor features and
// languages the playground uses, instead of editor.main's eighty languages
// and TypeScript service. Workers come from Vite `?worker` imports, routed
// by label: JSON's language service has its own; everything else uses the
// generic editor worker (diffs, word completion, links).
import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';

// Editor features (each registers an editor contribution).
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/format/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/gotoLine/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/links/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/suggest/register';
// features/suggest registers inline suggestions only; the suggest widget is this contribution.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
// Ctrl+M: Tab moves focus out of the editor instead of indenting (keyboard users).
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';

// Languages: Monaco's monarch tokenizers (lazily loaded per language), and JSON's full service.
import 'monaco-editor/languages/definitions/dockerfile/register';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/html/register';
import 'monaco-editor/languages/definitions/css/register';
import 'monaco-editor/languages/definitions/shell/register';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/language/json/monaco.contribution';

/**
 * Routes Monaco's workers and returns Monaco. A function rather than a
 * top-level statement: package.json marks the project's modules free of
 * side effects, so a bare assignment here would be dropped from the build.
 */
export function setupMonaco(): typeof monaco {
  globalThis.MonacoEnvironment = {
    getWorker(_workerId: string, label: string): Worker {
      return label === 'json' ? new JsonWorker() : new EditorWorker();
    },
  };
  return monaco;
}
