// curl's URL globbing, checked against curl 7.88/8.x: what expands, and the
// errors (exit 3) that make a Docker API filter in a URL need -g.
import { describe, expect, it } from 'vitest';
import { expandGlob } from './glob.ts';

describe('curl URL globbing', () => {
  it('expands sets and ranges (zero-padded, stepped, letters) into URLs in order', () => {
    expect(expandGlob('http://h/a{x,y}')).toEqual({ urls: ['http://h/ax', 'http://h/ay'] });
    expect(expandGlob('http://h/a[01-03]')).toEqual({ urls: ['http://h/a01', 'http://h/a02', 'http://h/a03'] });
    expect(expandGlob('http://h/a[1-5:2]')).toEqual({ urls: ['http://h/a1', 'http://h/a3', 'http://h/a5'] });
    expect(expandGlob('http://h/[a-c]{x}')).toEqual({ urls: ['http://h/ax', 'http://h/bx', 'http://h/cx'] });
    expect(expandGlob('http://h/plain?x=1')).toEqual({ urls: ['http://h/plain?x=1'] });
  });

  it('stops on a malformed pattern with curl\'s words and a caret under the place', () => {
    expect(expandGlob('http://localhost/events?filters={"type":["container"]}')).toEqual({
      error: 'nested brace in URL position 41:\nhttp://localhost/events?filters={"type":["container"]}\n' + `${' '.repeat(40)}^`,
    });
    expect(expandGlob('http://localhost/events?filters=[1]')).toEqual({ error: `bad range in URL position 34:\nhttp://localhost/events?filters=[1]\n${' '.repeat(33)}^` });
    expect(expandGlob('http://localhost/a{b')).toEqual({ error: `unmatched brace in URL position 19:\nhttp://localhost/a{b\n${' '.repeat(18)}^` });
    expect(expandGlob('http://localhost/a}b')).toEqual({ error: `unmatched close brace/bracket in URL position 19:\nhttp://localhost/a}b\n${' '.repeat(18)}^` });
    expect(expandGlob('http://localhost/{}')).toEqual({ error: `empty string within braces in URL position 19:\nhttp://localhost/{}\n${' '.repeat(18)}^` });
  });
});
