import { describe, expect, it } from 'vitest';
import { expandWord, expandWords, splitRawWords } from './substitute.ts';

const vars = new Map([['A', 'one'], ['B', 'two words'], ['EMPTY', ''], ['PATH', '/usr/bin:/bin'], ['F', 'archive.tar.gz']]);

describe('Dockerfile variable substitution', () => {
  it.each([
    ['$A', 'one'], ['${A}', 'one'], ['x${A}y', 'xoney'], ['$A-$A', 'one-one'], ['$NOPE', ''],
    ['${NOPE:-def}', 'def'], ['${EMPTY:-def}', 'def'], ['${EMPTY-def}', ''], ['${A:-def}', 'one'],
    ['${A:+alt}', 'alt'], ['${EMPTY:+alt}', ''], ['${EMPTY+alt}', 'alt'], ['${NOPE+alt}', ''],
    ['${NOPE:-$A}', 'one'], ['${NOPE:-"a b"}', 'a b'],
    ["'$A'", '$A'], ['"$A"', 'one'], ['"a\\$A"', 'a$A'], ['\\$A', '$A'], ['"\\"q\\""', '"q"'], ['"a\\b"', 'a\\b'],
    ['a\\ b', 'a b'], ['$', '$'], ['$1', '$1'], ['${F%.gz}', 'archive.tar'], ['${F%%.*}', 'archive'],
    ['${F#*.}', 'tar.gz'], ['${F##*.}', 'gz'], ['${PATH/bin/sbin}', '/usr/sbin:/bin'], ['${PATH//bin/sbin}', '/usr/sbin:/sbin'],
  ])('%s → %s', (input, want) => {
    expect(expandWord(input, vars)).toBe(want);
  });

  it('honours another escape character', () => {
    expect(expandWord('C:`$A', vars, '`')).toBe('C:$A');
    expect(expandWord('C:\\dir', vars, '`')).toBe('C:\\dir');
  });

  it('splits words on unquoted space without splitting values', () => {
    expect(expandWords(`a 'b c' "$B" $B`, vars)).toEqual(['a', 'b c', 'two words', 'two words']);
    expect(expandWords('  ', vars)).toEqual([]);
    expect(expandWords('""', vars)).toEqual(['']);
  });

  it('reports errors like BuildKit', () => {
    expect(() => expandWord('${NOPE:?must be set}', vars)).toThrow('NOPE: must be set');
    expect(() => expandWord('${A', vars)).toThrow("missing '}'");
    expect(() => expandWord('"abc', vars)).toThrow('matching "');
    expect(() => expandWord('${A:x}', vars)).toThrow('unsupported modifier');
  });

  it('splits raw words keeping quotes for key=value parsing', () => {
    expect(splitRawWords('A=1 B="two words" C=3\\ 4 D=\'$x y\'')).toEqual(['A=1', 'B="two words"', 'C=3\\ 4', "D='$x y'"]);
  });
});
