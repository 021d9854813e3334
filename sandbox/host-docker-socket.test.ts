// dockerd's socket on the host: curl --unix-socket /var/run/docker.sock at
// the student's shell speaks HTTP to the engine through the host's Engine
// API client — the answers dockerd gives (status lines, headers, JSON),
// containers created and started by hand, streams, and curl's own manners
// (form-encoded -d, binary output refused on a terminal).
import { describe, expect, it } from 'vitest';
import type { ApiRequest } from './api/types.ts';
import { createEngine, EngineClient, HostMachine, engineTransport, MemoryFs, type HostTerminal } from './index.ts';

const PROMPT = 'student@playground:~$ ';
const SOCK = 'curl -s --unix-socket /var/run/docker.sock';

async function machine(seen: ApiRequest[] = []) {
  const fs = new MemoryFs();
  const engine = await createEngine({ hostFs: fs });
  const transport = engineTransport(engine);
  const client = new EngineClient(async (req) => { seen.push(req); return transport(req); });
  const host = new HostMachine({ client, fs, now: () => Date.parse('2026-03-02T10:00:00Z') });
  return { host, engine };
}

/** Types a line and resolves to what it printed before the next prompt (CRLFs as LFs). */
function shell(t: HostTerminal): (line: string) => Promise<string> {
  let screen = '';
  let wake: (() => void) | null = null;
  const dec = new TextDecoder();
  t.onOutput((d) => { screen += dec.decode(d, { stream: true }); wake?.(); });
  let at = -1;
  const waitPrompt = async (from: number): Promise<number> => {
    for (;;) {
      const i = screen.indexOf(PROMPT, from);
      if (i >= 0) return i;
      await new Promise<void>((r) => { wake = r; });
    }
  };
  return async (line) => {
    if (at < 0) at = (await waitPrompt(0)) + PROMPT.length;
    t.input(`${line}\r`);
    const echoed = at + line.length + 2;
    const end = await waitPrompt(echoed);
    const out = screen.slice(echoed, end);
    at = end + PROMPT.length;
    return out.replace(/\r+\n/g, '\n');
  };
}

describe('the host\'s /var/run/docker.sock', () => {
  it('is root:docker 0660 under /run, and curl reaches dockerd through it with dockerd\'s answers', async () => {
    const seen: ApiRequest[] = [];
    const { host } = await machine(seen);
    const run = shell(host.openTerminal());
    expect(await run('ls -ld /var/run /var/run/docker.sock | tr -s " " | cut -d" " -f1,3,4,5,9-')).toMatch(/^lrwxrwxrwx root root \d+ \/var\/run -> \/run\n-rw-rw---- root docker 0 \/var\/run\/docker.sock\n$/);
    const version = JSON.parse(await run(`${SOCK} http://localhost/version`)) as { ApiVersion: string; Version: string };
    expect([version.ApiVersion, version.Version]).toEqual(['1.50', '28.2.2']);
    expect(await run('curl -si --unix-socket /var/run/docker.sock http://localhost/v1.50/_ping | cat')).toBe(
      'HTTP/1.1 200 OK\nApi-Version: 1.50\nBuilder-Version: 1\nCache-Control: no-cache, no-store, must-revalidate\nContent-Type: text/plain; charset=utf-8\n'
      + 'Docker-Experimental: false\nOstype: linux\nPragma: no-cache\nServer: Docker/28.2.2 (linux)\nDate: Mon, 02 Mar 2026 10:00:00 GMT\nContent-Length: 2\n\nOK',
    );
    expect(await run(`${SOCK} http://localhost/v1.50/containers/json`)).toBe('[]\n');
    // -H replaces curl's own header of that name where it stands; the body's length and type come last.
    expect(await run(`${SOCK} -v -H 'Accept:' -H 'Content-Type: application/json' -d '{}' http://localhost/v1.50/containers/json 2>&1 >/dev/null | grep '^[*>]'`)).toBe(
      '*   Trying /var/run/docker.sock:0...\n* Connected to localhost (/var/run/docker.sock) port 80\n'
      + '> POST /v1.50/containers/json HTTP/1.1\n> Host: localhost\n> User-Agent: curl/8.12.1\n> Content-Type: application/json\n> Content-Length: 2\n> \n',
    );
    // The requests went through the host's Engine API client, as the CLI's do (the API-traffic panel sees them).
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /version', 'GET /v1.50/_ping', 'GET /v1.50/containers/json', 'POST /v1.50/containers/json']);
    expect(seen[0]!.headers.get('user-agent')).toBe('curl/8.12.1');
    // The CLI says who it is as docker's does: the panel tells the two clients apart by it.
    await run('docker ps -q');
    expect(seen.at(-1)!.headers.get('User-Agent')).toBe('Docker-Client/28.2.2 (linux)');
  });

  it('creates, starts and waits for a container by hand: POST with JSON, 201, 204, the exit code, its logs', async () => {
    const { host, engine } = await machine();
    const run = shell(host.openTerminal());
    const created = await run(`${SOCK} -H 'Content-Type: application/json' -d '{"Image":"busybox","Cmd":["echo","hola"],"Labels":{"by":"curl"}}' 'http://localhost/v1.50/containers/create?name=hecho-a-mano'`);
    expect(created).toMatch(/^\{"Id":"[0-9a-f]{64}","Warnings":\[\]\}\n$/);
    expect(await run('docker ps -a --format "{{.Names}} {{.State}} {{.Labels}}"')).toBe('hecho-a-mano created by=curl\n');
    // On a terminal curl -i shows the header names in bold, as curl does.
    const started = await run('curl -si --unix-socket /var/run/docker.sock -X POST http://localhost/v1.50/containers/hecho-a-mano/start');
    const bold = (name: string): string => `\x1b[1m${name}\x1b[0m`;
    expect(started).toBe(`HTTP/1.1 204 No Content\n${bold('Api-Version')}: 1.50\n${bold('Docker-Experimental')}: false\n${bold('Ostype')}: linux\n${bold('Server')}: Docker/28.2.2 (linux)\n${bold('Date')}: Mon, 02 Mar 2026 10:00:00 GMT\n\n`);
    expect(await run(`${SOCK} -X POST http://localhost/v1.50/containers/hecho-a-mano/wait`)).toBe('{"Error":null,"StatusCode":0}\n');
    // The logs are Docker's multiplexed frames: binary, so curl refuses them on a terminal — and pipes them on.
    // curl wraps its warning to the terminal's width (80 columns here).
    expect(await run(`curl --unix-socket /var/run/docker.sock 'http://localhost/v1.50/containers/hecho-a-mano/logs?stdout=1'; echo "rc=$?"`))
      .toBe('Warning: Binary output can mess up your terminal. Use "--output -" to tell curl \nWarning: to output it to your terminal anyway, or consider "--output <FILE>" to \nWarning: save to a file.\nrc=23\n');
    expect(await run(`${SOCK} 'http://localhost/v1.50/containers/hecho-a-mano/logs?stdout=1' | od -c | head -1`)).toBe('0000000 001  \\0  \\0  \\0  \\0  \\0  \\0 005   h   o   l   a  \\n\n');
    expect(await run(`${SOCK} -H 'Content-Type: application/json' -d '{"Image":"busybox","Cmd":["sleep","100"]}' 'http://localhost/v1.50/containers/create?name=sigue' >/dev/null; ${SOCK} -X POST http://localhost/v1.50/containers/sigue/start`)).toBe('');
    expect(await run(`${SOCK} -X DELETE http://localhost/v1.50/containers/sigue`))
      .toBe('{"message":"cannot remove container \\"/sigue\\": container is running: stop the container before removing or force remove"}\n');
    expect(await run(`${SOCK} -X DELETE 'http://localhost/v1.50/containers/sigue?force=1'; docker ps -aq --filter name=sigue`)).toBe('');
    const c = engine.containers.get('hecho-a-mano');
    expect([c.state.ExitCode, c.config.Labels]).toEqual([0, { by: 'curl' }]);
  });

  it('gives dockerd\'s errors for the usual mistakes: a GET on create, curl -d\'s form type, JSON the shell unquoted, no version prefix is fine', async () => {
    const { host } = await machine();
    const run = shell(host.openTerminal());
    expect(await run(`curl -si --unix-socket /var/run/docker.sock http://localhost/v1.50/containers/create | head -1`)).toBe('HTTP/1.1 404 Not Found\n');
    expect(await run(`${SOCK} http://localhost/v1.50/containers/create`)).toBe('{"message":"page not found"}\n');
    expect(await run(`${SOCK} -d '{"Image":"busybox"}' http://localhost/v1.50/containers/create`))
      .toBe('{"message":"unsupported Content-Type header (application/x-www-form-urlencoded): must be \'application/json\'"}\n');
    expect(await run(`${SOCK} -H 'Content-Type: application/json' -d "{"Image":"busybox"}" http://localhost/v1.50/containers/create`))
      .toBe('{"message":"invalid JSON: invalid character \'I\' looking for beginning of object key string"}\n');
    expect(await run(`${SOCK} -f http://localhost/v1.99/version; echo "rc=$?"`)).toBe('rc=22\n');
    expect(await run(`${SOCK} http://localhost/v1.99/version`)).toBe('{"message":"client version 1.99 is too new. Maximum supported API version is 1.50"}\n');
    expect(await run(`${SOCK} --json '{"Image":"busybox"}' 'http://localhost/containers/create?name=sin-version'`)).toMatch(/^\{"Id":"[0-9a-f]{64}"/);
    // Without the socket, curl goes to TCP port 80 of the host: nothing listens there.
    expect(await run('curl -sS http://localhost/version; echo "rc=$?"')).toMatch(/^curl: \(7\) Failed to connect to localhost port 80 after \d+ ms: Couldn't connect to server\nrc=7\n$/);
    expect(await run('curl -sS --unix-socket /var/run/nothing.sock http://localhost/version; echo "rc=$?"')).toMatch(/^curl: \(7\) Failed to connect to localhost port 80 after \d+ ms: Couldn't connect to server\nrc=7\n$/);
  });

  it('streams an answer while it is produced (chunked), and -d @file sends a file', async () => {
    const { host, engine } = await machine();
    host.fs.writeFileSync('/home/student/crear.json', '{\n  "Image": "busybox",\n  "Cmd": ["sh", "-c", "echo uno; sleep 0.2; echo dos"]\n}\n', { uid: 1000, gid: 1000 });
    const run = shell(host.openTerminal());
    expect(await run(`${SOCK} -H 'Content-Type: application/json' -d @crear.json 'http://localhost/v1.50/containers/create?name=poco-a-poco' >/dev/null; ${SOCK} -X POST http://localhost/v1.50/containers/poco-a-poco/start`)).toBe('');
    expect(await run(`${SOCK} 'http://localhost/v1.50/containers/poco-a-poco/logs?stdout=1&follow=1' | cut -c9-`)).toBe('uno\ndos\n');
    expect(engine.containers.get('poco-a-poco').state.Running).toBe(false);
    // A filter's JSON in the URL is curl glob syntax: -g (--globoff) sends it as it is.
    const url = `'http://localhost/v1.50/events?since=0&until=${Math.ceil(Date.now() / 1000) + 1}&filters={"type":["container"]}'`;
    expect(await run(`curl -sS --unix-socket /var/run/docker.sock ${url}; echo "rc=$?"`)).toMatch(/^curl: \(3\) nested brace in URL position 72:\n.*\n {71}\^\nrc=3\n$/);
    const events = await run(`${SOCK} -g ${url} | sed 's/.*"Action":"\\([a-z]*\\)".*/\\1/'`);
    expect(events).toBe('create\nstart\ndie\n');
  });

  it('is where the CLI finds dockerd: -H and DOCKER_HOST naming it work; elsewhere the Client half prints, then no daemon', async () => {
    const { host } = await machine();
    const run = shell(host.openTerminal());
    expect(await run('docker -H unix:///var/run/docker.sock version --format "{{.Server.APIVersion}}"')).toBe('1.50\n');
    expect(await run('DOCKER_HOST=unix:///run/docker.sock docker --log-level debug ps -q; echo "rc=$?"')).toBe('rc=0\n');
    const elsewhere = await run('DOCKER_HOST=tcp://localhost:2375 docker version; echo "rc=$?"');
    expect(elsewhere).toMatch(/^Client:\n Version: +28\.2\.2\n API version: +1\.50\n(.*\n){5}Cannot connect to the Docker daemon at tcp:\/\/localhost:2375\. Is the docker daemon running\?\nrc=1\n$/);
    expect(await run('docker -H unix:///tmp/other.sock ps; echo "rc=$?"')).toBe('Cannot connect to the Docker daemon at unix:///tmp/other.sock. Is the docker daemon running?\nrc=1\n');
    expect(await run('docker -H foo ps; echo "rc=$?"')).toBe('error during connect: Get "http://foo:2375/v1.50/containers/json": dial tcp: lookup foo: no such host\nrc=1\n');
  });
});
