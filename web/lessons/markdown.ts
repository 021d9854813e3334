// Lesson prose to HTML, safely: markdown-it (CommonMark, well kept, used by
// many documentation sites) with raw HTML switched off — a tag in a
// lesson's text is shown as text, never parsed — and its link check, which
// refuses javascript:, vbscript:, file: and data: URLs (but data: images);
// a refused link is left as plain text. Links open in a new tab without
// handing the page to the opened one. The output is set with innerHTML by
// the lesson pane; lessons/kit/markdown.ts has already taken the code
// blocks out (the pane draws those with their Run / Copy buttons).
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

const renderToken: NonNullable<typeof md.renderer.rules.link_open> = (tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options);
const linkOpen = md.renderer.rules.link_open ?? renderToken;
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('target', '_blank');
  tokens[idx]!.attrSet('rel', 'noopener noreferrer');
  return linkOpen(tokens, idx, options, env, self);
};

/**
 * A prose segment as HTML that runs nothing.
 * @example renderMarkdown('Usa `docker ps` <script>x</script>') // '<p>Usa <code>docker ps</code> &lt;script&gt;x&lt;/script&gt;</p>\n'
 */
export function renderMarkdown(source: string): string {
  return md.render(source);
}

/** One line of Markdown without a paragraph around it (a step's title: `Arranca \`nginx\``). */
export function renderInline(source: string): string {
  return md.renderInline(source);
}
