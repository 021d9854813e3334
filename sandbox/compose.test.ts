// docker compose in the in-browser CLI: compose.yaml from the workspace
// loaded as Compose loads it, and up / ps / logs / exec / down / build /
// config acting on the engine through the Engine API — names, labels,
// networks with DNS by service name, volumes, dependency order.
import { describe, expect, it } from 'vitest';
import { createEngine, docker, inProcessClient, MemoryFs, type CliIO, type Engine } from './index.ts';

interface Run { out: string; err: string; code: number }

async function setup(files: Record<string, string>): Promise<{ engine: Engine; run: (...argv: string[]) => Promise<Run> }> {
  const fs = new MemoryFs({ now: () => 0 });
  fs.mkdirSync('/home/student/demo', { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    const full = `/home/student/demo/${path}`;
    fs.mkdirSync(full.slice(0, full.lastIndexOf('/')), { recursive: true });
    fs.writeFileSync(full, text);
  }
  const engine = await createEngine({ hostFs: fs });
  const client = inProcessClient(engine);
  const run = async (...argv: string[]): Promise<Run> => {
    let out = '';
    let err = '';
    const text = (s: string | Uint8Array): string => (typeof s === 'string' ? s : new TextDecoder().decode(s));
    const io: CliIO = { isTTY: false, files: fs, cwd: '/home/student/demo', env: new Map([['TAG', '1.37']]), stdout: (s) => { out += text(s); }, stderr: (s) => { err += text(s); } };
    const code = await docker(argv, client, io);
    return { out, err, code };
  };
  return { engine, run };
}

const WEB_AND_CLIENT = `services:
  web:
    image: busybox
    command: sh -c "mkdir -p /www && echo hola from web > /www/index.html && httpd -f -p 80 -h /www"
    ports:
      - "8080:80"
  client:
    image: busybox:\${TAG}
    command: ["sh", "-c", "sleep 0.2; wget -q -O- http://web/ && echo done"]
    depends_on:
      - web
    volumes:
      - data:/data
volumes:
  data:
`;

describe('docker compose', () => {
  it('up -d creates the network, volume and containers named as Compose names them; down removes them', async () => {
    const { run, engine } = await setup({ 'compose.yaml': WEB_AND_CLIENT });
    const up = await run('compose', 'up', '-d');
    expect(up.err).toBe('');
    expect(up.out).toBe([
      ' Network demo_default Creating ', ' Network demo_default Created ',
      ' Volume "demo_data" Creating ', ' Volume "demo_data" Created ',
      ' Container demo-web-1 Creating ', ' Container demo-web-1 Created ',
      ' Container demo-client-1 Creating ', ' Container demo-client-1 Created ',
      ' Container demo-web-1 Starting ', ' Container demo-web-1 Started ',
      ' Container demo-client-1 Starting ', ' Container demo-client-1 Started ', '',
    ].join('\n'));
    expect((await run('wait', 'demo-client-1')).out).toBe('0\n');
    const logs = await run('compose', 'logs', 'client');
    expect(logs.out).toBe('client-1  | hola from web\nclient-1  | done\n');
    const ps = await run('compose', 'ps', '--format', '{{.Name}} {{.Service}} {{.Image}} {{.Ports}}');
    expect(ps.out).toBe('demo-web-1 web busybox 0.0.0.0:8080->80/tcp\n');
    const all = await run('compose', 'ps', '-a', '--format', '{{.Name}} {{.State}}');
    expect(all.out).toBe('demo-client-1 exited\ndemo-web-1 running\n');
    const labels = await run('inspect', '-f', '{{index .Config.Labels "com.docker.compose.project"}} {{index .Config.Labels "com.docker.compose.service"}} {{index .Config.Labels "com.docker.compose.container-number"}}', 'demo-web-1');
    expect(labels.out).toBe('demo web 1\n');
    expect((await run('compose', 'up', '-d')).out).toBe(' Container demo-web-1 Running \n Container demo-client-1 Starting \n Container demo-client-1 Started \n');
    const down = await run('compose', 'down', '-v', '-t', '0');
    expect(down.out).toBe([
      ' Container demo-client-1 Stopping ', ' Container demo-client-1 Stopped ', ' Container demo-client-1 Removing ', ' Container demo-client-1 Removed ',
      ' Container demo-web-1 Stopping ', ' Container demo-web-1 Stopped ', ' Container demo-web-1 Removing ', ' Container demo-web-1 Removed ',
      ' Volume demo_data Removing ', ' Volume demo_data Removed ', ' Network demo_default Removing ', ' Network demo_default Removed ', '',
    ].join('\n'));
    expect(engine.containers.list()).toEqual([]);
    expect((await run('network', 'ls', '--format', '{{.Name}}')).out).toBe('bridge\nhost\nnone\n');
  });

  it('up attached prints every container\'s output behind its name, then how each exited', async () => {
    const { run } = await setup({
      'compose.yaml': 'services:\n  first:\n    image: busybox\n    command: echo uno\n  second:\n    image: busybox\n    command: sh -c "sleep 0.1; echo dos >&2; exit 3"\n    depends_on:\n      first:\n        condition: service_completed_successfully\n',
    });
    const up = await run('compose', 'up');
    expect(up.code).toBe(0);
    expect(up.out).toContain('Attaching to first-1, second-1\n');
    expect(up.out).toContain('first-1   | uno\n');
    expect(up.out).toContain('first-1 exited with code 0\n');
    // second waits for first to complete before it starts.
    expect(up.out.indexOf(' Container demo-first-1 Exited \n')).toBeLessThan(up.out.indexOf(' Container demo-second-1 Starting \n'));
    expect(up.out).toContain('second-1 exited with code 3\n');
    expect(up.err).toBe('second-1  | dos\n');
  });

  it('depends_on service_healthy waits for the dependency\'s healthcheck to pass', async () => {
    const { run } = await setup({
      'compose.yaml': `services:
  db:
    image: busybox
    command: sh -c "sleep 0.3; touch /ready; sleep 100"
    healthcheck:
      test: ["CMD", "test", "-f", "/ready"]
      interval: 100ms
      start_interval: 100ms
      start_period: 5s
  app:
    image: busybox
    command: echo started
    depends_on:
      db:
        condition: service_healthy
`,
    });
    const up = await run('compose', 'up', '-d');
    expect(up.err).toBe('');
    expect(up.out.indexOf(' Container demo-db-1 Healthy \n')).toBeGreaterThan(up.out.indexOf(' Container demo-db-1 Waiting \n'));
    expect(up.out.indexOf(' Container demo-app-1 Starting \n')).toBeGreaterThan(up.out.indexOf(' Container demo-db-1 Healthy \n'));
    expect((await run('compose', 'ps', '--format', '{{.Name}} {{.Status}}')).out).toMatch(/^demo-db-1 Up .+ \(healthy\)\n$/);
    await run('compose', 'down', '-t', '0');
  });

  it('build: the service image from the workspace, tagged <project>-<service>, reused until --build', async () => {
    const { run } = await setup({
      'compose.yaml': 'services:\n  app:\n    build: ./app\n    command: cat /greeting\n',
      'app/Dockerfile': 'FROM busybox\nRUN echo hola > /greeting\n',
    });
    const up = await run('compose', 'up');
    expect(up.out).toContain('Successfully tagged demo-app:latest\n');
    expect(up.out).toContain('app-1  | hola\napp-1 exited with code 0\n');
    expect((await run('images', '--format', '{{.Repository}}:{{.Tag}}', 'demo-app')).out).toBe('demo-app:latest\n');
    const again = await run('compose', 'up');
    expect(again.out).not.toContain('Step 1/2');
    expect((await run('compose', 'build')).out).toContain('Step 2/2 : RUN echo hola > /greeting\n ---> Using cache\n');
  });

  it('config prints the canonical project: interpolated, long syntax, absolute paths', async () => {
    const { run } = await setup({ 'compose.yaml': WEB_AND_CLIENT });
    const r = await run('compose', 'config');
    expect(r.out).toBe(`name: demo
services:
  client:
    command:
      - sh
      - -c
      - sleep 0.2; wget -q -O- http://web/ && echo done
    depends_on:
      web:
        condition: service_started
        required: true
    image: busybox:1.37
    networks:
      default: null
    volumes:
      - type: volume
        source: data
        target: /data
        volume: {}
  web:
    command:
      - sh
      - -c
      - mkdir -p /www && echo hola from web > /www/index.html && httpd -f -p 80 -h /www
    image: busybox
    networks:
      default: null
    ports:
      - mode: ingress
        target: 80
        published: "8080"
        protocol: tcp
networks:
  default:
    name: demo_default
volumes:
  data:
    name: demo_data
`);
  });

  it('exec runs in the service\'s container; errors read like Compose\'s', async () => {
    const { run } = await setup({ 'compose.yaml': 'services:\n  box:\n    image: busybox\n    command: sleep 100\n    environment:\n      GREETING: hola\n' });
    await run('compose', 'up', '-d');
    const r = await run('compose', 'exec', '-T', 'box', 'sh', '-c', 'echo $GREETING $(hostname | wc -c)');
    expect(r).toEqual({ out: 'hola 13\n', err: '', code: 0 });
    expect(await run('compose', 'exec', 'nope', 'true')).toEqual({ out: '', err: 'service "nope" is not running\n', code: 1 });
    await run('compose', 'down', '-t', '0');
  });

  it('bad projects fail with Compose\'s messages', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{}, 'no configuration file provided: not found\n'],
      [{ 'compose.yaml': 'services:\n  web:\n    imag: busybox\n' }, "validating /home/student/demo/compose.yaml: services.web additional properties 'imag' not allowed\n"],
      [{ 'compose.yaml': 'services:\n  web:\n    image: busybox\n    volumes:\n      - data:/data\n' }, 'service "web" refers to undefined volume data: invalid compose project\n'],
      [{ 'compose.yaml': 'services:\n  a:\n    image: busybox\n    depends_on: [b]\n  b:\n    image: busybox\n    depends_on: [a]\n' }, 'dependency cycle detected: a -> b -> a\n'],
      [{ 'compose.yaml': 'services:\n  web:\n    image: busybox:${MISSING:?set MISSING first}\n' }, 'required variable MISSING is missing a value: set MISSING first\n'],
      [{ 'compose.yaml': 'services:\n  web:\n    image: nosuchimage\n' }, "Error response from daemon: pull access denied for nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied (the playground is offline: only its built-in images can be pulled)\n"],
    ];
    for (const [files, message] of cases) {
      const { run } = await setup(files);
      const r = await run('compose', 'up', '-d');
      expect({ err: r.err, code: r.code }).toEqual({ err: message, code: 1 });
    }
  });
});
