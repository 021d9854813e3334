import { describe, expect, it } from 'vitest';
import { CommandError, eventMessage, LIMITS, parseCommand, workspacePath } from './messages.ts';

describe('embed commands', () => {
  it('parses run, load-files and reset with an optional id', () => {
    expect(parseCommand({ dockerPlayground: 1, command: 'run', line: 'docker ps -a', id: 3 })).toEqual({ command: 'run', line: 'docker ps -a', id: 3 });
    const files = parseCommand({ dockerPlayground: 1, command: 'load-files', files: { './app//server.js': 'x', Dockerfile: 'FROM alpine\n' } });
    expect(files).toEqual({ command: 'load-files', files: new Map([['app/server.js', 'x'], ['Dockerfile', 'FROM alpine\n']]) });
    expect(parseCommand({ dockerPlayground: 1, command: 'reset' })).toEqual({ command: 'reset' });
  });

  it('ignores messages that are not ours (no tag)', () => {
    for (const other of [null, 'run', 42, [], { command: 'run', line: 'x' }, { type: 'webpackOk' }]) expect(parseCommand(other)).toBeNull();
  });

  it('refuses malformed commands with a message that says what to send', () => {
    const bad: Array<[unknown, RegExp]> = [
      [{ dockerPlayground: 2, command: 'reset' }, /version 2/],
      [{ dockerPlayground: 1, command: 'rm -rf' }, /unknown command.*run, load-files or reset/],
      [{ dockerPlayground: 1, command: 'run' }, /"line" string/],
      [{ dockerPlayground: 1, command: 'run', line: 7 }, /"line" string/],
      [{ dockerPlayground: 1, command: 'run', line: 'ls\nrm -rf /' }, /one "run" per line/],
      [{ dockerPlayground: 1, command: 'run', line: 'ls\x03' }, /control characters/],
      [{ dockerPlayground: 1, command: 'run', line: 'x'.repeat(LIMITS.lineChars + 1) }, /longer than/],
      [{ dockerPlayground: 1, command: 'run', line: 'ls', id: 'a' }, /"id" must be an integer/],
      [{ dockerPlayground: 1, command: 'load-files' }, /"files"/],
      [{ dockerPlayground: 1, command: 'load-files', files: ['a'] }, /"files"/],
      [{ dockerPlayground: 1, command: 'load-files', files: { a: 1 } }, /must be a string/],
      [{ dockerPlayground: 1, command: 'load-files', files: { '../etc/passwd': 'x' } }, /no "\.\."/],
      [{ dockerPlayground: 1, command: 'load-files', files: { '/etc/passwd': 'x' } }, /not absolute/],
      [{ dockerPlayground: 1, command: 'load-files', files: { 'a\\b': 'x' } }, /relative path/],
      [{ dockerPlayground: 1, command: 'load-files', files: { big: 'x'.repeat(LIMITS.fileBytes + 1) } }, /larger than/],
      [{ dockerPlayground: 1, command: 'load-files', files: Object.fromEntries(Array.from({ length: LIMITS.files + 1 }, (_, i) => [`f${i}`, ''])) }, /at most/],
    ];
    for (const [msg, why] of bad) expect(() => parseCommand(msg), JSON.stringify(msg).slice(0, 80)).toThrow(why);
    expect(() => parseCommand({ dockerPlayground: 1, command: 'load-files', files: Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}`, 'x'.repeat(LIMITS.fileBytes)])) })).toThrow(CommandError);
  });

  it('normalises workspace paths and refuses escapes', () => {
    expect(workspacePath('a/./b//c.txt')).toBe('a/b/c.txt');
    for (const bad of ['', '.', './', '..', 'a/../../b', '/abs', 'a\x00b']) expect(() => workspacePath(bad), bad).toThrow(CommandError);
  });

  it('tags events', () => {
    expect(eventMessage({ event: 'lesson-completed', lesson: '05-layers', score: 40, total: 50 }))
      .toEqual({ dockerPlayground: 1, event: 'lesson-completed', lesson: '05-layers', score: 40, total: 50 });
  });
});
