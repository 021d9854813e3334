// What curl sends for -d, --data-urlencode and -G (the data as the URL's
// query), checked against curl 7.88 on this machine and curl 8's source
// (the URL API's appending and lower-cased escapes, data_urlencode).
import { describe, expect, it } from 'vitest';
import { curlRun } from './testing.ts';
import { urlEncode, withQuery } from './request.ts';

const URL = 'http://127.0.0.1:8080';
/** The request line of each request the server got. */
const lines = (requests: string[]): string[] => requests.map((r) => r.split('\r\n')[0]!);

describe('curl -G', () => {
  it('puts the -d data in the query, joined by &, and sends a GET without a body', async () => {
    const r = await curlRun(`curl -s -G -d a=1 -d b=2 ${URL}/p`);
    expect(lines(r.requests)).toEqual(['GET /p?a=1&b=2 HTTP/1.1']);
    expect(r.requests[0]).not.toMatch(/Content-(Length|Type)/);
  });

  it('adds to a query already there, before a #fragment (which is not sent)', async () => {
    const r = await curlRun(`curl -s -G -d a=1 '${URL}/p?z=9'; curl -s -G -d a=1 '${URL}/p?'; curl -s --get -d a=1 '${URL}/p#top'`);
    expect(lines(r.requests)).toEqual(['GET /p?z=9&a=1 HTTP/1.1', 'GET /p?a=1 HTTP/1.1', 'GET /p?a=1 HTTP/1.1']);
  });

  it('-I makes it a HEAD, -X another method; every URL of a glob gets the query', async () => {
    const r = await curlRun(`curl -s -G -I -d a=1 ${URL}/h >/dev/null; curl -s -G -X DELETE -d a=1 ${URL}/x; curl -s -G -d q=1 '${URL}/{a,b}'`);
    expect(lines(r.requests)).toEqual(['HEAD /h?a=1 HTTP/1.1', 'DELETE /x?a=1 HTTP/1.1', 'GET /a?q=1 HTTP/1.1', 'GET /b?q=1 HTTP/1.1']);
  });

  it('--data-urlencode encodes the content (space as +); in the URL its escapes are lower-cased', async () => {
    const r = await curlRun(`echo hi > /tmp/f; curl -s -G --data-urlencode 'q=hello world&x' --data-urlencode '=é/' --data-urlencode 'plain text' --data-urlencode 'a@b=c d' --data-urlencode q@/tmp/f ${URL}/s`);
    expect(lines(r.requests)).toEqual(['GET /s?q=hello+world%26x&%c3%a9%2f&plain+text&a@b=c+d&q=hi%0a HTTP/1.1']);
  });

  it('without -G, --data-urlencode goes in a form body with upper-case escapes', async () => {
    const r = await curlRun(`curl -s --data-urlencode 'q=é/ x' -d b=1 ${URL}/post`);
    expect(r.requests[0]).toMatch(/^POST \/post HTTP\/1\.1\r\n[^]*Content-Length: 17\r\nContent-Type: application\/x-www-form-urlencoded\r\n\r\nq=%C3%A9%2F\+x&b=1$/);
  });
});

describe('curl -d @FILE', () => {
  it('reads the data from stdin with @- and from a file; -d drops the newlines, --data-binary keeps them', async () => {
    const r = await curlRun(`printf 'a=1\\nb=2\\n' > /tmp/d; printf 'x=9\\n' | curl -s -d @- ${URL}/in; curl -s -d @/tmp/d ${URL}/f; curl -s --data-binary @/tmp/d ${URL}/b`);
    expect(r.requests.map((q) => q.split('\r\n\r\n')[1])).toEqual(['x=9', 'a=1b=2', 'a=1\nb=2\n']);
  });

  it('a file that cannot be read is an empty piece, and the rest is still sent (curl 7.88: `&z=1`)', async () => {
    const r = await curlRun(`curl -s -d @/nope -d z=1 ${URL}/w`);
    expect(r.requests[0]).toMatch(/\r\n\r\n&z=1$/);
  });
});

describe('the pieces', () => {
  it('urlEncode keeps only A-Z a-z 0-9 - . _ ~', () => {
    expect(urlEncode('a-b._~ c/é')).toBe('a-b._~+c%2F%C3%A9');
  });
  it('withQuery appends after & unless the query is empty or ends in one', () => {
    expect(withQuery('http://h/p?a=1&', 'b=%2F')).toBe('http://h/p?a=1&b=%2f');
    expect(withQuery('http://h/p#f', 'b=2')).toBe('http://h/p?b=2#f');
  });
});
