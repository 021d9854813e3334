// The lesson format's parsers: steps and code blocks from the markdown, the
// two languages kept in step, lesson.json, and commands.sh scripts.
import { describe, expect, it } from 'vitest';
import { parityIssues, parseLessonMarkdown } from './markdown.ts';
import { parseMeta } from './meta.ts';
import { parseScript } from './script.ts';

const ES = `Intro en *prosa*.

## Arranca {#run}

Texto con \`código\`.

\`\`\`sh run
docker run -d --name web nginx:alpine
docker ps
\`\`\`

\`\`\`dockerfile file=app/Dockerfile
FROM alpine
# ## not a heading inside a block
\`\`\`

## Mira {#look}

\`\`\`text
solo para leer
\`\`\`
`;

describe('parseLessonMarkdown', () => {
  it('splits the text into an intro and steps, with prose and the three kinds of code block in order', () => {
    const { text, issues } = parseLessonMarkdown(ES, 'lesson.es.md');
    expect(issues).toEqual([]);
    expect(text.intro).toEqual([{ kind: 'prose', markdown: 'Intro en *prosa*.' }]);
    expect(text.steps.map((s) => [s.id, s.title, s.line])).toEqual([['run', 'Arranca', 3], ['look', 'Mira', 17]]);
    const [run, look] = text.steps;
    expect(run!.segments.map((s) => s.kind)).toEqual(['prose', 'code', 'code']);
    expect(run!.blocks).toEqual([
      { lang: 'sh', run: true, file: null, code: 'docker run -d --name web nginx:alpine\ndocker ps', line: 7 },
      { lang: 'dockerfile', run: false, file: 'app/Dockerfile', code: 'FROM alpine\n# ## not a heading inside a block', line: 12 },
    ]);
    expect(look!.blocks).toEqual([{ lang: 'text', run: false, file: null, code: 'solo para leer', line: 19 }]);
  });

  it('names every problem with its line', () => {
    const bad = '# Título\n\n## Sin id\n\n## Bien {#a}\n\n```js run\nx\n```\n\n```dockerfile file=../etc/passwd\nFROM x\n```\n\n```sh run extra\nls\n```\n\n## Otra {#a}\n\n```sh\nnever closed\n';
    const { issues } = parseLessonMarkdown(bad, 'm.md');
    expect(issues).toEqual([
      'm.md:1: no "# " title in the text: the title lives in lesson.json',
      'm.md:3: a step heading needs an id: "## Title {#step-id}"',
      'm.md:7: a click-to-run block is typed at the shell: write it as ```sh run',
      'm.md:11: file=../etc/passwd: a path relative to the workspace (no leading /, no . or .. parts)',
      'm.md:15: unknown code block attribute "extra" (known: run, file=PATH)',
      'm.md:19: step id "a" is used twice',
      'm.md:21: code block never closed',
    ]);
    expect(parseLessonMarkdown('just prose', 'x.md').issues).toEqual(['x.md: no steps: each step starts with "## Title {#step-id}"']);
  });
});

describe('parityIssues', () => {
  const es = parseLessonMarkdown(ES, 'es').text;
  it('accepts translated prose and titles around identical code', () => {
    const en = parseLessonMarkdown(ES.replace('Intro en *prosa*.', 'Intro in *prose*.').replace('Arranca', 'Start').replace('Texto con', 'Text with'), 'en').text;
    expect(parityIssues({ es, en })).toEqual([]);
  });

  it('reports different steps, a missing block and a translated block', () => {
    const reordered = parseLessonMarkdown('## Mira {#look}\n\n## Arranca {#run}\n', 'en').text;
    expect(parityIssues({ es, en: reordered })).toEqual(['the steps differ: es has [run, look], en has [look, run]']);
    const fewer = parseLessonMarkdown(ES.replace(/```text[^`]*```/, ''), 'en').text;
    expect(parityIssues({ es, en: fewer })).toEqual(['step "look": es has 1 code blocks, en has 0']);
    const translated = parseLessonMarkdown(ES.replace('solo para leer', 'read only'), 'en').text;
    expect(parityIssues({ es, en: translated })).toEqual(['step "look": code block 1 differs (es line 19, en line 19: code line 1 is "solo para leer" vs "read only"): code blocks must be identical in both languages']);
    const kind = parseLessonMarkdown(ES.replace('```sh run', '```sh'), 'en').text;
    expect(parityIssues({ es, en: kind })[0]).toContain('```sh run vs ```sh');
  });
});

describe('parseMeta', () => {
  const good = { id: 'first-container', order: 2, title: { es: 'Tu primer contenedor', en: 'Your first container' }, summary: { es: 'a', en: 'b' }, minutes: 30 };
  it('reads lesson.json and checks it against the folder name', () => {
    expect(parseMeta(good, 'lessons/02-first-container')).toEqual({ meta: good, issues: [] });
    expect(parseMeta({ ...good, id: 'other', order: 3, extra: 1 }, '02-first-container').issues).toEqual([
      'lesson.json: unknown field "extra" (fields: id, order, title, summary, minutes)',
      'lesson.json: "id" is "other" but the folder says "first-container"',
      'lesson.json: "order" is 3 but the folder says 2',
    ]);
    expect(parseMeta({ ...good, title: { es: 'x' }, minutes: 0 }, 'Lesson2').issues).toEqual([
      'the folder "Lesson2" must be named <nn>-<slug>, e.g. 03-building-images',
      'lesson.json: "title".en: missing or empty',
      'lesson.json: "minutes" must be a whole number of minutes, 1 to 240',
    ]);
  });
});

describe('parseScript', () => {
  it('reads typed lines and directives; comments and blank lines are not typed', () => {
    const src = '# a comment\ndocker run -it --rm alpine sh\n#@ expect / # \nexit\n\n#@ check run\n#@ open 8080 /api?x=1\n#@ key ctrl-c\n#@ file app.js steps/v2.js\n#@ sleep 1.5\n  echo indented  \n';
    const { actions, issues } = parseScript(src, 'c.sh');
    expect(issues).toEqual([]);
    expect(actions).toEqual([
      { kind: 'type', text: 'docker run -it --rm alpine sh', line: 2 },
      { kind: 'expect', text: '/ # ', line: 3 },
      { kind: 'type', text: 'exit', line: 4 },
      { kind: 'check', step: 'run', line: 6 },
      { kind: 'open', port: 8080, path: '/api?x=1', line: 7 },
      { kind: 'key', key: 'ctrl-c', line: 8 },
      { kind: 'file', path: 'app.js', from: 'steps/v2.js', line: 9 },
      { kind: 'sleep', seconds: 1.5, line: 10 },
      { kind: 'type', text: '  echo indented', line: 11 },
    ]);
  });

  it('rejects unknown or malformed directives', () => {
    const { issues } = parseScript('#@ expect x\n#@ wait 3\n#@ key f1\n#@ open http://x\n#@ file /etc/passwd a\n#@ sleep 99\n#@ check Run\n', 's.sh');
    expect(issues).toEqual([
      's.sh:2: unknown directive "#@ wait" (known: expect, key, check, file, open, sleep)',
      's.sh:3: #@ key takes ctrl-c or ctrl-d',
      's.sh:4: #@ open takes a port and a path: #@ open 8080 /',
      's.sh:5: #@ file takes a workspace path and a file of this folder: #@ file app.js steps/app-v2.js',
      's.sh:6: #@ sleep takes seconds, up to 30',
      's.sh:7: #@ check takes a step id',
      's.sh:1: #@ expect follows the line or key it waits after',
    ]);
  });
});
