// npm 10's command names (lib/utils/cmd-list.js): the commands with their
// one-line descriptions, the aliases and typos npm accepts, and how a typed
// word becomes a command (exact, alias, then a unique abbreviation), so
// `npm i`, `npm isntall` and `npm insta` mean install as they do in npm.

/** Every npm command and its description (what `npm <cmd> -h` opens with). */
export const COMMANDS = new Map<string, string>([
  ['access', 'Set access level on published packages'],
  ['adduser', 'Add a registry user account'],
  ['audit', 'Run a security audit'],
  ['bugs', 'Report bugs for a package in a web browser'],
  ['cache', 'Manipulates packages cache'],
  ['ci', 'Clean install a project'],
  ['completion', 'Tab Completion for npm'],
  ['config', 'Manage the npm configuration files'],
  ['dedupe', 'Reduce duplication in the package tree'],
  ['deprecate', 'Deprecate a version of a package'],
  ['diff', 'The registry diff command'],
  ['dist-tag', 'Modify package distribution tags'],
  ['docs', 'Open documentation for a package in a web browser'],
  ['doctor', 'Check the health of your npm environment'],
  ['edit', 'Edit an installed package'],
  ['exec', 'Run a command from a local or remote npm package'],
  ['explain', 'Explain installed packages'],
  ['explore', 'Browse an installed package'],
  ['find-dupes', 'Find duplication in the package tree'],
  ['fund', 'Retrieve funding information'],
  ['get', 'Get a value from the npm configuration'],
  ['help', 'Get help on npm'],
  ['help-search', 'Search npm help documentation'],
  ['hook', 'Manage registry hooks'],
  ['init', 'Create a package.json file'],
  ['install', 'Install a package'],
  ['install-ci-test', 'Install a project with a clean slate and run tests'],
  ['install-test', 'Install package(s) and run tests'],
  ['link', 'Symlink a package folder'],
  ['ll', 'List installed packages'],
  ['login', 'Login to a registry user account'],
  ['logout', 'Log out of the registry'],
  ['ls', 'List installed packages'],
  ['org', 'Manage orgs'],
  ['outdated', 'Check for outdated packages'],
  ['owner', 'Manage package owners'],
  ['pack', 'Create a tarball from a package'],
  ['ping', 'Ping npm registry'],
  ['pkg', 'Manages your package.json'],
  ['prefix', 'Display prefix'],
  ['profile', 'Change settings on your registry profile'],
  ['prune', 'Remove extraneous packages'],
  ['publish', 'Publish a package'],
  ['query', 'Retrieve a filtered list of packages'],
  ['rebuild', 'Rebuild a package'],
  ['repo', 'Open package repository page in the browser'],
  ['restart', 'Restart a package'],
  ['root', 'Display npm root'],
  ['run-script', 'Run arbitrary package scripts'],
  ['sbom', 'Generate a Software Bill of Materials (SBOM)'],
  ['search', 'Search for packages'],
  ['set', 'Set a value in the npm configuration'],
  ['shrinkwrap', 'Lock down dependency versions for publication'],
  ['star', 'Mark your favorite packages'],
  ['stars', 'View packages marked as favorites'],
  ['start', 'Start a package'],
  ['stop', 'Stop a package'],
  ['team', 'Manage organization teams and team memberships'],
  ['test', 'Test a package'],
  ['token', 'Manage your authentication tokens'],
  ['uninstall', 'Remove a package'],
  ['unpublish', 'Remove a package from the registry'],
  ['unstar', 'Remove an item from your favorite packages'],
  ['update', 'Update packages'],
  ['version', 'Bump a package version'],
  ['view', 'View registry info'],
  ['whoami', 'Display npm username'],
]);

/** Aliases and accepted typos → command. */
export const ALIASES = new Map<string, string>([
  ['author', 'owner'],
  ['home', 'docs'],
  ['issues', 'bugs'],
  ['info', 'view'],
  ['show', 'view'],
  ['find', 'search'],
  ['add', 'install'],
  ['unlink', 'uninstall'],
  ['remove', 'uninstall'],
  ['rm', 'uninstall'],
  ['r', 'uninstall'],
  ['un', 'uninstall'],
  ['rb', 'rebuild'],
  ['list', 'ls'],
  ['ln', 'link'],
  ['create', 'init'],
  ['i', 'install'],
  ['it', 'install-test'],
  ['cit', 'install-ci-test'],
  ['up', 'update'],
  ['c', 'config'],
  ['s', 'search'],
  ['se', 'search'],
  ['tst', 'test'],
  ['t', 'test'],
  ['ddp', 'dedupe'],
  ['v', 'view'],
  ['run', 'run-script'],
  ['clean-install', 'ci'],
  ['clean-install-test', 'install-ci-test'],
  ['x', 'exec'],
  ['why', 'explain'],
  ['la', 'll'],
  ['verison', 'version'],
  ['ic', 'ci'],
  ['innit', 'init'],
  ['in', 'install'],
  ['ins', 'install'],
  ['inst', 'install'],
  ['insta', 'install'],
  ['instal', 'install'],
  ['isnt', 'install'],
  ['isnta', 'install'],
  ['isntal', 'install'],
  ['isntall', 'install'],
  ['install-clean', 'ci'],
  ['isntall-clean', 'ci'],
  ['hlep', 'help'],
  ['dist-tags', 'dist-tag'],
  ['upgrade', 'update'],
  ['udpate', 'update'],
  ['rum', 'run-script'],
  ['sit', 'install-ci-test'],
  ['urn', 'run-script'],
  ['ogr', 'org'],
  ['add-user', 'adduser'],
]);

/** Unique prefixes of `words` → the word (abbrev's table). */
function abbrevs(words: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const sorted = [...new Set(words)].sort();
  for (let i = 0; i < sorted.length; i++) {
    const word = sorted[i]!;
    const prev = sorted[i - 1] ?? '';
    const next = sorted[i + 1] ?? '';
    const common = (other: string): number => { let n = 0; while (n < word.length && word[n] === other[n]) n++; return n; };
    const n = Math.max(common(prev), common(next));
    for (let len = n + 1; len <= word.length; len++) out.set(word.slice(0, len), word);
    out.set(word, word);
  }
  return out;
}

let table: Map<string, string> | null = null;

/**
 * The command a typed word names, or undefined (npm's deref).
 * @example deref('i') // 'install'; deref('isntall') // 'install'; deref('run') // 'run-script'
 */
export function deref(word: string): string | undefined {
  if (!word) return undefined;
  const c = /[A-Z]/.test(word) ? word.replace(/([A-Z])/g, (m) => '-' + m.toLowerCase()) : word;
  if (COMMANDS.has(c)) return c;
  if (ALIASES.has(c)) return ALIASES.get(c);
  table ??= abbrevs([...COMMANDS.keys(), ...ALIASES.keys()]);
  let a = table.get(c);
  for (let i = 0; a !== undefined && ALIASES.has(a) && i < 4; i++) a = ALIASES.get(a);
  return a;
}
