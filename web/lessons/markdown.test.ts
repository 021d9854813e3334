// Lesson text is rendered inert: raw HTML (script, event handlers, iframes)
// comes out as text, and javascript:/vbscript:/data: links are not links;
// ordinary Markdown (emphasis, code, lists, tables, links) renders.
import { describe, expect, it } from 'vitest';
import { renderInline, renderMarkdown } from './markdown.ts';

/** Every tag in `html`, with its attributes. */
function tags(html: string): Array<{ name: string; attrs: Map<string, string> }> {
  return [...html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)].map((m) => ({
    name: m[1]!.toLowerCase(),
    attrs: new Map([...m[2]!.matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map((a) => [a[1]!.toLowerCase(), a[2] ?? ''])),
  }));
}

const SAFE_TAGS = new Set(['p', 'em', 'strong', 'code', 'pre', 'a', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'h3', 'h4', 'blockquote', 'br', 'hr', 'img', 's']);

function expectInert(html: string): void {
  for (const t of tags(html)) {
    expect(SAFE_TAGS.has(t.name), `<${t.name}> in ${html}`).toBe(true);
    for (const [k, v] of t.attrs) {
      expect(k.startsWith('on'), `${k} in ${html}`).toBe(false);
      if (k === 'href' || k === 'src') expect(v.trim().toLowerCase().replace(/[\s\0]/g, '')).not.toMatch(/^(javascript|vbscript|data:text|file):?/);
    }
  }
}

describe('lesson Markdown', () => {
  it('renders script, event handlers and javascript: links inert', () => {
    const attacks = [
      '<script>alert(1)</script>',
      'Hola <img src=x onerror="alert(1)"> mundo',
      '<iframe src="javascript:alert(1)"></iframe>',
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x](&#106;avascript:alert(1))',
      '[x](java\nscript:alert(1))',
      '[x](vbscript:msgbox(1))',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '![x](javascript:alert(1))',
      '<javascript:alert(1)>',
      '[x]: javascript:alert(1)\n\n[x]',
      '<a href="javascript:alert(1)">x</a>',
      '<div onmouseover="alert(1)">x</div>',
      '`<script>` en código',
    ];
    for (const a of attacks) {
      const html = renderMarkdown(a);
      expectInert(html);
      expect(html).not.toMatch(/<script|<img[^>]*onerror|<iframe|<div/i);
    }
    expect(renderMarkdown('<script>alert(1)</script>')).toContain('&lt;script&gt;');
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('<a');
    expectInert(renderInline('<img src=x onerror=alert(1)> `docker`'));
  });

  it('renders the Markdown lessons use', () => {
    const html = renderMarkdown('Usa **`docker ps`** y *mira*:\n\n- uno\n- dos\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[Docs](https://docs.docker.com/)');
    expect(html).toContain('<strong><code>docker ps</code></strong>');
    expect(html).toContain('<li>uno</li>');
    expect(html).toContain('<td>1</td>');
    expect(html).toContain('<a href="https://docs.docker.com/" target="_blank" rel="noopener noreferrer">Docs</a>');
    expect(renderInline('Arranca `nginx`')).toBe('Arranca <code>nginx</code>');
  });
});
