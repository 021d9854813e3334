// npm init [-y] (create, innit): writes package.json as init-package-json
// does. With -y / --yes the defaults are taken — the folder's name
// (lower-cased, `node-` and `.js` dropped), 1.0.0, index.js (or main.js, or
// <folder>.js, or the first .js file), the test script that says "no test
// specified", the packages already in node_modules as dependencies, ISC —
// and printed after "Wrote to …". Without it npm asks for each field on the
// terminal and shows the result before writing it. Fields already in an
// existing package.json are kept. `npm init <initializer>` runs
// create-<initializer> through npx.
import { NpmError } from '../errors.ts';
import { packageFolders } from '../actual.ts';
import { readProject } from '../project.ts';
import type { Session } from '../session.ts';
import type { Manifest } from '../tree.ts';
import { exec } from './exec.ts';

const NO_TEST = 'echo "Error: no test specified" && exit 1';
const TEST_PKGS = /^(expresso|mocha|tap|coffee-script|coco|streamline)$/;

function readLineFrom(s: Session): Promise<string | null> {
  return (async () => {
    let line = '';
    for (let i = 0; i < 4096; i++) {
      const chunk = await s.p.read(0, 1);
      if (!chunk || chunk.length === 0) return i === 0 ? null : line;
      const c = String.fromCharCode(chunk[0]!);
      if (c === '\n' || c === '\r') return line;
      line += c;
    }
    return line;
  })();
}

/** The defaults init-package-json offers for a folder. */
function defaults(s: Session, existing: Manifest): Manifest {
  const fs = s.p.fs;
  const base = s.prefix === '/' ? '' : s.prefix;
  const folder = base.split('/').pop() ?? '';
  const files = (() => { try { return fs.readdirSync(s.prefix); } catch { return []; } })();
  const js = files.filter((f) => f.endsWith('.js'));
  const main = js.includes('index.js') ? 'index.js' : js.includes('main.js') ? 'main.js' : js.includes(`${folder}.js`) ? `${folder}.js` : js[0] ?? 'index.js';
  const out: Manifest = {
    name: existing.name ?? folder.replace(/^node-|[.-]js$/g, '').replace(/\s+/g, ' ').replace(/ /g, '-').toLowerCase(),
    version: existing.version ?? (s.config.str('init-version') || '1.0.0'),
  };
  if (!existing.description) out.description = '';
  if (!existing.main) out.main = main;
  const dirs: Record<string, string> = {};
  for (const d of files) {
    if (/^examples?$/.test(d)) dirs.example = d; else if (/^tests?$/.test(d)) dirs.test = d; else if (/^docs?$/.test(d)) dirs.doc = d;
    else if (d === 'man') dirs.man = d; else if (d === 'lib') dirs.lib = d;
  }
  if (Object.keys(dirs).length) out.directories = dirs;
  const installed = packageFolders(fs, `${base}/node_modules`);
  const depsOf = (test: boolean, excluded: Record<string, string> | undefined): Record<string, string> | undefined => {
    const deps: Record<string, string> = {};
    for (const dir of installed) {
      if (test !== TEST_PKGS.test(dir) || excluded?.[dir]) continue;
      try {
        const p = JSON.parse(new TextDecoder().decode(fs.readFileSync(`${base}/node_modules/${dir}/package.json`))) as Manifest;
        if (p.version) deps[dir] = (s.config.bool('save-exact') ? '' : s.config.str('save-prefix')) + p.version;
      } catch { /* not a package */ }
    }
    return Object.keys(deps).length ? deps : undefined;
  };
  if (!existing.dependencies) out.dependencies = depsOf(false, existing.devDependencies);
  if (!existing.devDependencies) out.devDependencies = depsOf(true, existing.dependencies);
  if (!existing.scripts) out.scripts = { test: installed.includes('mocha') ? 'mocha' : NO_TEST };
  out.keywords = existing.keywords ?? [];
  out.author = existing.author ?? s.config.str('init-author-name');
  out.license = existing.license ?? s.config.str('init-license');
  return out;
}

export async function init(s: Session, args: string[]): Promise<number> {
  if (args.length > 0) {
    const [initer, ...rest] = args as [string, ...string[]];
    const pkg = /^@[^/]+$/.test(initer) ? `${initer}/create` : initer.replace(/^(@[^/]+\/)?/, '$1create-');
    return exec(s, [pkg, ...rest], [], '');
  }
  const file = readProject(s, false);
  const existing: Manifest = file?.content ?? {};
  const yes = s.config.bool('yes');
  const fields = defaults(s, existing);
  const content: Manifest = { ...existing };
  if (!yes) {
    await s.p.write(1, 'This utility will walk you through creating a package.json file.\nIt only covers the most common items, and tries to guess sensible defaults.\n\n'
      + 'See `npm help init` for definitive documentation on these fields\nand exactly what they do.\n\n'
      + 'Use `npm install <pkg>` afterwards to install a package and\nsave it as a dependency in the package.json file.\n\nPress ^C at any time to quit.\n');
    const ask = async (prompt: string, def: string): Promise<string> => {
      await s.p.write(1, `${prompt}: ${def ? `(${def}) ` : ''}`);
      const line = await readLineFrom(s);
      if (line === null) throw new NpmError('', [['', 'canceled']]);
      return line.trim() || def;
    };
    fields.name = await ask('package name', String(fields.name));
    fields.version = await ask('version', String(fields.version));
    if ('description' in fields) fields.description = await ask('description', '');
    if ('main' in fields) fields.main = await ask('entry point', String(fields.main));
    if (fields.scripts) fields.scripts = { test: (await ask('test command', '')) || NO_TEST };
    const repo = await ask('git repository', '');
    if (repo) fields.repository = { type: 'git', url: repo };
    const keywords = (await ask('keywords', '')).split(/[\s,]+/).filter(Boolean);
    if (keywords.length) fields.keywords = keywords; else delete fields.keywords;
    fields.author = await ask('author', String(fields.author ?? ''));
    fields.license = await ask('license', String(fields.license ?? 'ISC'));
  }
  // An empty description is dropped by normalisation and put back last, as init-package-json does.
  const description = fields.description ?? existing.description;
  if (!fields.description) delete fields.description;
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && !(k in existing && k !== 'scripts')) content[k] = v;
  if (!content.description) { delete content.description; content.description = description ?? ''; }
  const path = `${s.prefix === '/' ? '' : s.prefix}/package.json`;
  // Shown with two spaces; saved with the file's own indentation and line ends (@npmcli/package-json).
  const text = JSON.stringify(content, null, 2) + '\n';
  const saved = JSON.stringify(content, null, file?.indent ?? 2) + '\n';
  const fileText = file && file.newline !== '\n' ? saved.replace(/\n/g, file.newline) : saved;
  if (!yes) {
    await s.p.write(1, `About to write to ${path}:\n\n${text}\n\n`);
    await s.p.write(1, 'Is this OK? (yes) ');
    const ok = (await readLineFrom(s))?.trim().toLowerCase() || 'yes';
    if (!ok.startsWith('y')) { await s.p.write(1, 'Aborted.\n'); return 0; }
  }
  s.p.fs.writeFileSync(path, fileText, file ? {} : { mode: 0o644, uid: s.uid, gid: s.gid });
  if (yes && !s.silent) await s.p.write(1, `Wrote to ${path}:\n\n${text}\n\n\n`);
  return 0;
}
