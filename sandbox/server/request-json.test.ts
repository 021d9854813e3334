// Request bodies as dockerd reads them: JSON only under its own content type,
// syntax errors in Go's words, and a start that refuses the host config it
// used to take; methods a path has no route for are dockerd's 404.
import { describe, expect, it } from 'vitest';
import { Daemon } from '../daemon/daemon.ts';
import { engineRouter } from './index.ts';
import { jsonSyntaxError } from './request-json.ts';

const enc = new TextEncoder();

async function router() {
  const r = engineRouter(await Daemon.create());
  return (method: string, path: string, body: string | null = null, headers: Array<[string, string]> = [], query: Array<[string, string]> = []) =>
    r.handle({ method, path, query: new Map(query), headers: new Map(headers), body: body === null ? null : enc.encode(body) });
}

describe('JSON request bodies, as dockerd reads them', () => {
  it('creates only from application/json: curl -d\'s form type and a missing type are 400 with dockerd\'s message', async () => {
    const call = await router();
    const body = '{"Image":"busybox"}';
    expect((await call('POST', '/v1.50/containers/create', body, [['Content-Type', 'application/x-www-form-urlencoded']])).json)
      .toEqual({ message: "unsupported Content-Type header (application/x-www-form-urlencoded): must be 'application/json'" });
    const none = await call('POST', '/v1.50/containers/create', body);
    expect(none.status).toBe(400);
    expect(none.json).toEqual({ message: 'malformed Content-Type header (): mime: no media type' });
    const ok = await call('POST', '/v1.50/containers/create', body, [['content-type', 'application/json; charset=utf-8']], [['name', 'ok']]);
    expect(ok.status).toBe(201);
    // Other JSON routes read their bodies the same way.
    expect((await call('POST', '/volumes/create', '{"Name":"v"}', [['Content-Type', 'text/plain']])).status).toBe(400);
  });

  it('reports malformed JSON in Go\'s encoding/json words', async () => {
    const call = await router();
    const json = [['Content-Type', 'application/json']] as Array<[string, string]>;
    // The shell ate the double quotes of -d "{"Image":"busybox"}".
    expect((await call('POST', '/containers/create', '{Image:busybox}', json)).json).toEqual({ message: "invalid JSON: invalid character 'I' looking for beginning of object key string" });
    expect((await call('POST', '/containers/create', "{'Image':'busybox'}", json)).json).toEqual({ message: "invalid JSON: invalid character '\\'' looking for beginning of object key string" });
    expect((await call('POST', '/containers/create', '{"Image":"busybox"', json)).json).toEqual({ message: 'invalid JSON: unexpected EOF' });
    expect((await call('POST', '/containers/create', '{"Image":"busybox"} {}', json)).json).toEqual({ message: 'unexpected content after JSON' });
    expect((await call('POST', '/containers/create', '  ', json)).json).toEqual({ message: 'invalid JSON: got EOF while reading request body' });
  });

  it('finds the first error as Go\'s scanner does', () => {
    expect(jsonSyntaxError('{"Cmd":["sh" "-c"]}')).toBe("invalid character '\"' after array element");
    expect(jsonSyntaxError('{"a" 1}')).toBe("invalid character '1' after object key");
    expect(jsonSyntaxError('{"a":1 "b":2}')).toBe("invalid character '\"' after object key:value pair");
    expect(jsonSyntaxError('{"a":tru}')).toBe("invalid character '}' in literal true (expecting 'e')");
    expect(jsonSyntaxError('{"a":01}')).toBe("invalid character '1' after object key:value pair");
    expect(jsonSyntaxError('{"a":"x\ny"}')).toBe("invalid character '\\n' in string literal");
    expect(jsonSyntaxError('{"a":"\\q"}')).toBe("invalid character 'q' in string escape code");
    expect(jsonSyntaxError('[1,]')).toBe("invalid character ']' looking for beginning of value");
    expect(jsonSyntaxError(' {"a":[1,2.5e3,-0,null,false,"\\u00e9"]} \n')).toBeNull();
  });

  it('decodes the value before it looks past it, as dec.More() does: a closing bracket is let through, anything else refused', async () => {
    const call = await router();
    const json = [['Content-Type', 'application/json']] as Array<[string, string]>;
    expect((await call('POST', '/containers/create', '{"Image":"busybox"}}', json)).status).toBe(201);
    expect((await call('POST', '/containers/create', '{"Image":"busybox"} x', json)).json).toEqual({ message: 'unexpected content after JSON' });
    expect((await call('POST', '/containers/create', '{"Image":5} x', json)).json)
      .toEqual({ message: 'invalid JSON: json: cannot unmarshal number into Go struct field CreateRequest.Config.Image of type string' });
    expect((await call('POST', '/volumes/create', '"data"', json)).json).toEqual({ message: 'invalid JSON: json: cannot unmarshal string into Go value of type volume.CreateOptions' });
    // null is the empty struct, as Go leaves it.
    expect((await call('POST', '/volumes/create', 'null', json)).status).toBe(201);
  });

  it('words a query parameter\'s JSON as json.Unmarshal does', () => {
    expect(jsonSyntaxError('{"a":', 'unmarshal')).toBe('unexpected end of JSON input');
    expect(jsonSyntaxError('{} x', 'unmarshal')).toBe("invalid character 'x' after top-level value");
    expect(jsonSyntaxError('[1,]', 'unmarshal')).toBe("invalid character ']' looking for beginning of value");
  });

  it('refuses a start with a host config in its body (over 7 bytes), lets {} through', async () => {
    const call = await router();
    const json = [['Content-Type', 'application/json']] as Array<[string, string]>;
    await call('POST', '/containers/create', '{"Image":"busybox","Cmd":["sleep","100"]}', json, [['name', 'st']]);
    expect((await call('POST', '/containers/st/start', '{"Memory":1000000}', json)).json)
      .toEqual({ message: 'starting container with non-empty request body was deprecated since API v1.22 and removed in v1.24' });
    expect((await call('POST', '/containers/st/start', '{}', json)).status).toBe(204);
  });

  it('answers a method a path has no route for with 404 page not found, as dockerd (no 405)', async () => {
    const call = await router();
    const r = await call('GET', '/v1.50/containers/create');
    expect([r.status, r.json]).toEqual([404, { message: 'page not found' }]);
    expect((await call('POST', '/v1.50/containers/json')).status).toBe(404);
    expect((await call('GET', '/v1.50/nothing/here')).json).toEqual({ message: 'page not found' });
  });
});
