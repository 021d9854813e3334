// The shell parser: structure of the tree for each construct, and busybox
// ash's messages for broken input (captured from busybox 1.35's `sh -c`).
import { describe, expect, it } from 'vitest';
import type { Command, Word } from './ast.ts';
import { parseScript, ShSyntaxError } from './parser.ts';

/** A compact rendering of words for assertions. */
function w(word: Word, inQuotes = false): string {
  return word.map((p) => {
    switch (p.type) {
      case 'lit': return p.text;
      case 'quoted': return inQuotes ? p.text : `'${p.text}'`;
      case 'dq': return `"${w(p.parts, true)}"`;
      case 'param': return `\${${p.length ? '#' : ''}${p.name}${p.op ?? ''}${p.arg ? w(p.arg) : ''}}`;
      case 'cmdsub': return `$(${p.script.length})`;
      case 'arith': return `$((${w(p.expr, true)}))`;
      case 'tilde': return `~${p.user}`;
    }
  }).join('');
}

function first(src: string): Command {
  return parseScript(src)[0]!.command;
}

describe('shell parser', () => {
  it('parses simple commands: assignments, words, redirections', () => {
    const c = first('A=1 B="x y" echo a\\ b \'c d\' "$HOME/x" 2>&1 >>log <in');
    expect(c.type).toBe('simple');
    if (c.type !== 'simple') return;
    expect(c.assigns.map((a) => `${a.name}=${w(a.value)}`)).toEqual(['A=1', 'B="x y"']);
    expect(c.words.map((x) => w(x))).toEqual(['echo', "a' 'b", "'c d'", '"${HOME}/x"']);
    expect(c.redirects.map((r) => `${r.fd}${r.op}${w(r.target)}`)).toEqual(['2>&1', '1>>log', '0<in']);
  });

  it('parses lists, and-or lists, pipelines and background jobs', () => {
    const s = parseScript('a && b || c; d | e | f & ! g\nh');
    expect(s.map((i) => [i.command.type, i.background])).toEqual([['or', false], ['pipeline', true], ['pipeline', false], ['simple', false]]);
    const neg = s[2]!.command;
    expect(neg.type === 'pipeline' && neg.negate).toBe(true);
  });

  it('parses compound commands', () => {
    const types = parseScript(`
      if a; then b; elif c; then d; else e; fi
      while true; do break; done
      until false; do :; done
      for i in 1 2 3; do echo $i; done
      for arg; do :; done
      case $x in a|b) echo ab;; *) echo other;; esac
      { echo group; }
      ( echo sub )
      f() { echo fn; }
    `).map((i) => i.command.type);
    expect(types).toEqual(['if', 'while', 'until', 'for', 'for', 'case', 'group', 'subshell', 'function']);
  });

  it('parses expansions', () => {
    const c = first('echo ${x:-def} ${#x} ${x%.*} ${x##*/} $(date) `id -u` $((1 + $n)) ~ ~root/x $1 $@ $? $$');
    if (c.type !== 'simple') throw new Error();
    expect(c.words.slice(1).map((x) => w(x))).toEqual([
      '${x:-def}', '${#x}', '${x%.*}', '${x##*/}', '$(1)', '$(1)', '$((1 + ${n}))', '~', '~root/x', '${1}', '${@}', '${?}', '${$}',
    ]);
  });

  it('reads here-documents, quoted ones literally, <<- without leading tabs', () => {
    const s = parseScript('cat <<EOF >out\nhello $USER\nEOF\ncat <<\'X\'\n$literal\nX\ncat <<-T\n\t\tindented\n\tT\necho after\n');
    expect(s).toHaveLength(4);
    const [a, b, c] = s.map((i) => i.command);
    if (a!.type !== 'simple' || b!.type !== 'simple' || c!.type !== 'simple') throw new Error();
    expect(w(a!.redirects[0]!.heredoc!.body, true)).toBe('hello ${USER}\n');
    expect(a!.redirects[1]!.op).toBe('>');
    expect(b!.redirects[0]!.heredoc).toEqual({ quoted: true, body: [{ type: 'quoted', text: '$literal\n' }] });
    expect(w(c!.redirects[0]!.heredoc!.body, true)).toBe('indented\n');
  });

  it('treats reserved words as words outside command position', () => {
    const c = first('echo if then fi done');
    expect(c.type === 'simple' && c.words.map((x) => w(x))).toEqual(['echo', 'if', 'then', 'fi', 'done']);
  });

  it('skips comments and joins escaped newlines', () => {
    const s = parseScript('# comment\necho a \\\n  b # trailing\n');
    expect(s).toHaveLength(1);
    const c = s[0]!.command;
    expect(c.type === 'simple' && c.words.map((x) => w(x))).toEqual(['echo', 'a', 'b']);
  });

  it.each([
    ['if true; then echo', 'syntax error: unexpected end of file (expecting "fi")', true],
    ['fi', 'syntax error: unexpected "fi"', false],
    ['echo "abc', 'syntax error: unterminated quoted string', true],
    ['echo $(', 'syntax error: unexpected end of file (expecting ")")', true],
    ['a &&', 'syntax error: unexpected end of file', true],
    ['echo ${x', "syntax error: missing '}'", true],
    ['for 1 in a; do :; done', 'syntax error: bad for loop variable', false],
    ['(', 'syntax error: unexpected end of file (expecting ")")', true],
    ['f() { echo', 'syntax error: unexpected end of file (expecting "}")', true],
    [')', 'syntax error: unexpected ")"', false],
    ['while :; do', 'syntax error: unexpected end of file (expecting "done")', true],
    ['echo a |', 'syntax error: unexpected end of file', true],
    ['if then fi', 'syntax error: unexpected "then"', false],
    ['{ echo; ', 'syntax error: unexpected end of file (expecting "}")', true],
    ['echo `echo', 'syntax error: EOF in backquote substitution', true],
    ['case x in', 'syntax error: unexpected end of file (expecting ")")', true],
    ['echo a ;;', 'syntax error: unexpected ";;"', false],
  ])('%j fails like busybox ash', (src, message, incomplete) => {
    let err: unknown;
    try { parseScript(src); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ShSyntaxError);
    expect((err as ShSyntaxError).message).toBe(message);
    expect((err as ShSyntaxError).incomplete).toBe(incomplete);
  });

  it('leaves malformed ${…} to fail when expanded, as ash does', () => {
    for (const src of ['echo ${x!}', 'echo ${x;}', 'echo ${}', 'echo ${!x}']) {
      const c = first(src);
      expect(c.type === 'simple' && c.words[1]![0]).toMatchObject({ type: 'param', bad: true });
    }
  });

  it('parses the bash-style expansions busybox ash has', () => {
    const c = first('echo ${p/a/b} ${p//a} ${p:1:2} ${p/#x/y}');
    if (c.type !== 'simple') throw new Error();
    expect(c.words.slice(1).map((x) => x[0])).toMatchObject([
      { op: '/', arg: [{ text: 'a' }], arg2: [{ text: 'b' }] }, { op: '//', arg: [{ text: 'a' }] },
      { op: ':', arg: [{ text: '1' }], arg2: [{ text: '2' }] }, { op: '/#', arg: [{ text: 'x' }], arg2: [{ text: 'y' }] },
    ]);
  });

  it('survives hostile input without hanging', () => {
    expect(() => parseScript('('.repeat(10_000))).toThrow(ShSyntaxError);
    expect(() => parseScript('$('.repeat(5_000))).toThrow(ShSyntaxError);
    expect(parseScript('echo x;'.repeat(20_000))).toHaveLength(20_000);
  });
});
