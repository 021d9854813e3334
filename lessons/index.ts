// What the page imports from lessons/: the course's lessons (bundled), the
// parser it and the tests share, grading, and the recorder that fills a
// CheckContext from the host's shell history and the CLI's builds. The
// lesson pane renders Lesson.text[lang].steps (prose as Markdown; code
// blocks as plain, click-to-run or copy-to-editor) and grades a step with
// grade(checks, recorder.context(client), { step }). See README.md.
export { lessonCatalog, catalogFrom, type CatalogEntry } from './catalog.ts';
export { parseLesson, type Lesson, type LessonSource, type WorkspaceFiles } from './kit/lesson.ts';
export type { CodeBlock, LessonText, Segment, Step } from './kit/markdown.ts';
export type { LessonMeta } from './kit/meta.ts';
export { LANGS, type Lang, type Localized } from './kit/localized.ts';
export { grade, type Check, type CheckContext, type CheckResult, type Checks } from './kit/checks.ts';
export { LessonRecorder, type RecordedState } from './kit/session.ts';
export { recordBuilds, cacheSummary, type BuildRecord, type BuildStep } from './kit/builds.ts';
