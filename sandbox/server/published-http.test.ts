// The host-side HTTP client the preview pane uses: a container's web page
// through its published port, bodies by length, chunked or close, and a
// refused connection when nothing listens.
import { describe, expect, it } from 'vitest';
import { engineRouter } from './index.ts';
import { fetchPublished, parseResponse } from './published-http.ts';
import { Daemon } from '../daemon/daemon.ts';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('fetchPublished', () => {
  it('GETs a page from a container through -p 8080:80, and refuses a closed port', async () => {
    const d = await Daemon.create();
    const router = engineRouter(d);
    const body = new TextEncoder().encode(JSON.stringify({ Image: 'busybox', Cmd: ['sh', '-c', 'mkdir /www && echo "<h1>hola</h1>" > /www/index.html && httpd -f -p 80 -h /www'], HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '8080' }] } } }));
    const created = await router.handle({ method: 'POST', path: '/containers/create', query: new Map([['name', 'web']]), headers: new Map([['Content-Type', 'application/json']]), body });
    const id = (created.json as { Id: string }).Id;
    await router.handle({ method: 'POST', path: `/containers/${id}/start`, query: new Map(), headers: new Map(), body: null });
    let r;
    for (let i = 0; i < 100; i++) {
      try { r = await fetchPublished(d, 8080, { method: 'GET', path: '/', headers: [['Accept', 'text/html']], body: null }); break; } catch { await new Promise((res) => setTimeout(res, 10)); }
    }
    expect(r!.status).toBe(200);
    expect(text(r!.body)).toBe('<h1>hola</h1>\n');
    expect(r!.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1]).toBe('text/html');
    await expect(fetchPublished(d, 9999, { method: 'GET', path: '/', headers: [], body: null })).rejects.toThrow('dial tcp 127.0.0.1:9999: connect: connection refused');
  });

  it('parses bodies delimited by length, chunks or the close', () => {
    const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
    expect(text(parseResponse(bytes('HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef')).body)).toBe('abc');
    const chunked = parseResponse(bytes('HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n\r\n4\r\nhola\r\n6\r\n mundo\r\n0\r\n\r\n'));
    expect([chunked.status, chunked.statusText, text(chunked.body), chunked.headers]).toEqual([201, 'Created', 'hola mundo', [['X-A', '1']]]);
    expect(text(parseResponse(bytes('HTTP/1.0 200 OK\r\n\r\nuntil close')).body)).toBe('until close');
    expect(() => parseResponse(bytes('garbage'))).toThrow('malformed HTTP response');
  });
});
