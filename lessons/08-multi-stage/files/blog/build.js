// A tiny static site generator: turns posts/*.md into HTML pages in dist/.
const fs = require('fs');
const path = require('path');

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const page = (title, body) => `<!doctype html>
<html>
<head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body>
${body}
</body>
</html>
`;

fs.mkdirSync('dist', { recursive: true });
const posts = fs.readdirSync('posts').filter((f) => f.endsWith('.md')).sort();
const links = [];
for (const file of posts) {
  const [first, ...rest] = fs.readFileSync(path.join('posts', file), 'utf8').trim().split('\n');
  const title = first.replace(/^#\s*/, '');
  const paragraphs = rest.join('\n').split(/\n\s*\n/).filter((p) => p.trim());
  const name = file.replace(/\.md$/, '.html');
  const body = [`<h1>${escape(title)}</h1>`, ...paragraphs.map((p) => `<p>${escape(p.trim())}</p>`), '<p><a href="/">&larr;</a></p>'].join('\n');
  fs.writeFileSync(path.join('dist', name), page(title, body));
  links.push(`<li><a href="/${name}">${escape(title)}</a></li>`);
  console.log(`dist/${name}`);
}
fs.writeFileSync('dist/index.html', page('Blog', `<h1>Blog</h1>\n<ul>\n${links.join('\n')}\n</ul>`));
console.log(`dist/index.html: ${posts.length} posts`);
