// curlCalls: the method, URL, socket and Content-Type of each curl the student
// typed, as curl itself would decide them.
import { describe, expect, it } from 'vitest';
import { apiRoute, apiVersionOf, curlCalls } from './curl.ts';

describe('curlCalls', () => {
  it('reads method, path, query, socket and content type as curl decides them', () => {
    const [get, post, form, json, explicit] = curlCalls([
      'curl --unix-socket /var/run/docker.sock http://localhost/v1.50/containers/json?all=1',
      `curl -s --unix-socket=/run/docker.sock -H "Content-Type: application/json" -d @via-api.json 'http://localhost/v1.50/containers/create?name=via-api'`,
      `curl -sd '{"Image":"busybox"}' localhost/containers/create`,
      `curl --json '{}' http://localhost/v1.50/containers/create | cat`,
      'curl -XPOST -si --unix-socket /var/run/docker.sock http://localhost/v1.50/containers/via-api/start; docker ps',
    ]);
    expect(get).toMatchObject({ method: 'GET', path: '/v1.50/containers/json', query: new Map([['all', '1']]), unixSocket: '/var/run/docker.sock', hasBody: false, contentType: null });
    expect(post).toMatchObject({ method: 'POST', path: '/v1.50/containers/create', query: new Map([['name', 'via-api']]), unixSocket: '/run/docker.sock', contentType: 'application/json' });
    expect(form).toMatchObject({ method: 'POST', path: '/containers/create', unixSocket: null, contentType: 'application/x-www-form-urlencoded', data: ['{"Image":"busybox"}'] });
    expect(post!.data).toEqual(['@via-api.json']);
    expect(json).toMatchObject({ method: 'POST', contentType: 'application/json' });
    expect(explicit).toMatchObject({ method: 'POST', path: '/v1.50/containers/via-api/start', hasBody: false });
    expect(curlCalls(['curl -I http://x/', 'curl -X GET -d x http://x/', 'curl -H "Content-Type:" -d x http://x/']).map((c) => [c.method, c.contentType]))
      .toEqual([['HEAD', null], ['GET', 'application/x-www-form-urlencoded'], ['POST', null]]);
  });

  it('tells the API version a path pins, and the route without it', () => {
    expect([apiVersionOf('/v1.50/containers/json'), apiVersionOf('/containers/json'), apiVersionOf('/v1.50')]).toEqual(['1.50', null, '1.50']);
    expect([apiRoute('/v1.41/containers/create'), apiRoute('/version')]).toEqual(['/containers/create', '/version']);
  });
});
