// The host machine's terminal: the student's login shell over the
// workspace, `docker` as the CLI through the Engine API, ^C, tab completion.
import { describe, expect, it } from 'vitest';
import { createEngine, HostMachine, inProcessClient, MemoryFs, publishedPortDialer, type Engine, type HostTerminal } from './index.ts';

async function machine(): Promise<{ host: HostMachine; daemon: Engine }> {
  const fs = new MemoryFs();
  const daemon = await createEngine({ hostFs: fs });
  const host = new HostMachine({ client: inProcessClient(daemon), fs, dialPublished: publishedPortDialer(daemon) });
  return { host, daemon };
}

/** A typist at a terminal: waits for text on the screen, then types. */
function typist(t: HostTerminal): { screen: () => string; waitFor: (text: string, from?: number) => Promise<number>; type: (keys: string) => void } {
  let screen = '';
  const dec = new TextDecoder();
  let wake: (() => void) | null = null;
  t.onOutput((d) => { screen += dec.decode(d, { stream: true }); wake?.(); });
  return {
    screen: () => screen,
    type: (keys) => t.input(keys),
    async waitFor(text, from = 0) {
      for (;;) {
        const at = screen.indexOf(text, from);
        if (at >= 0) return at + text.length;
        await new Promise<void>((r) => { wake = r; });
      }
    },
  };
}

const PROMPT = 'student@playground:~$ ';

describe('the host terminal', () => {
  it('a login shell in the workspace: prompt, files the editor wrote, docker through the API', async () => {
    const { host } = await machine();
    host.fs.writeFileSync('/home/student/Dockerfile', 'FROM busybox\nCMD ["echo", "hola"]\n', { uid: 1000, gid: 1000 });
    const t = typist(host.openTerminal());
    let at = await t.waitFor(PROMPT);
    t.type('ls; id; cat Dockerfile\r');
    at = await t.waitFor(PROMPT, at);
    expect(t.screen().slice(0, at)).toBe(`${PROMPT}ls; id; cat Dockerfile\r\nDockerfile\r\nuid=1000(student) gid=1000(student) groups=1000(student),999(docker)\r\nFROM busybox\r\nCMD ["echo", "hola"]\r\n${PROMPT}`);
    t.type('docker build -q -t hola . >/dev/null && docker run --rm hola; echo "status $?"\r');
    const end = await t.waitFor(PROMPT, at);
    expect(t.screen().slice(at, end)).toBe('docker build -q -t hola . >/dev/null && docker run --rm hola; echo "status $?"\r\nhola\r\nstatus 0\r\n' + PROMPT);
  });

  it('keys typed while a command runs reach the shell afterwards, a half-typed line included (typeahead)', async () => {
    const { host } = await machine();
    const t = typist(host.openTerminal());
    let at = await t.waitFor(PROMPT);
    t.type('docker run --rm busybox sh -c "sleep 0.3; echo done"\r');
    at = await t.waitFor('\r\n', at);
    t.type('echo one\recho tw'); // a whole line, then half of one, while docker still runs
    const done = await t.waitFor('done\r\n', at);
    at = await t.waitFor(`${PROMPT}echo tw`, done);
    t.type('o\r');
    await t.waitFor(`two\r\n${PROMPT}`, at);
    // Both lines ran, the half-typed one completed at the prompt (the editor gives typeahead it read past back
    // through the line discipline, which shows it once more: kept so that a command reading it sees lines).
    expect(t.screen().slice(done)).toMatch(new RegExp(`^${PROMPT.replace(/\$/g, '\\$')}echo one\r\n(echo tw)?one\r\n${PROMPT.replace(/\$/g, '\\$')}echo two\r\ntwo\r\n`));
  });

  it('pipes and command substitution around docker: docker rm -f $(docker ps -aq)', async () => {
    const { host, daemon } = await machine();
    const t = typist(host.openTerminal());
    let at = await t.waitFor(PROMPT);
    t.type('for n in a b c; do docker run -d --name box-$n busybox sleep 100 >/dev/null; done; docker ps -q | wc -l\r');
    at = await t.waitFor(`3\r\n${PROMPT}`, at);
    t.type('docker rm -f $(docker ps -aq) | wc -l; docker ps -aq | xargs docker rm\r');
    await t.waitFor(`3\r\n`, at);
    expect(daemon.containers.list().length).toBe(0);
  });

  it('^C ends docker logs -f with 130 and the shell prompts again', async () => {
    const { host } = await machine();
    const t = typist(host.openTerminal());
    let at = await t.waitFor(PROMPT);
    t.type('docker run -d --name ticker busybox sh -c "while true; do echo tick; sleep 1; done" >/dev/null; docker logs -f ticker\r');
    at = await t.waitFor('tick\r\n', at);
    t.type('\x03');
    at = await t.waitFor(PROMPT, at);
    t.type('echo $?\r');
    await t.waitFor(`130\r\n${PROMPT}`, at);
  });

  it('docker run -it: the host terminal goes raw, keys reach the container, and comes back', async () => {
    const { host } = await machine();
    const t = typist(host.openTerminal());
    let at = await t.waitFor(PROMPT);
    t.type('docker run -it --rm busybox sh\r');
    at = await t.waitFor('/ # ', at);
    t.type('echo in $(hostname | wc -c)\r');
    at = await t.waitFor('in 13\r\n/ # ', at);
    t.type('exit 4\r');
    at = await t.waitFor(PROMPT, at);
    t.type('echo back $?\r');
    await t.waitFor(`back 4\r\n${PROMPT}`, at);
  });

  it('Tab completes docker verbs, flags and names the engine knows', async () => {
    const { host } = await machine();
    const t = typist(host.openTerminal());
    let at = await t.waitFor(PROMPT);
    t.type('docker run -d --name web-1 busybox sleep 100 >/dev/null\r');
    at = await t.waitFor(PROMPT, at);
    t.type('docker vol\t');
    at = await t.waitFor('docker volume ', at);
    t.type('\x15docker imag\t\t');
    at = await t.waitFor('image  images', at);
    t.type('\x15docker stop we\t');
    at = await t.waitFor('docker stop web-1 ', at);
    t.type('\x15docker run --pids-l\t');
    await t.waitFor('docker run --pids-limit ', at);
  });

  it('history and clear', async () => {
    const { host } = await machine();
    const t = typist(host.openTerminal());
    let at = await t.waitFor(PROMPT);
    t.type('echo one\r');
    at = await t.waitFor(PROMPT, at);
    t.type('history\r');
    at = await t.waitFor(`   0 echo one\r\n   1 history\r\n${PROMPT}`, at);
    t.type('clear\r');
    await t.waitFor(`\x1b[H\x1b[J${PROMPT}`, at);
  });

  it('docker compose up in the foreground: logs behind names, ^C stops the services gracefully', async () => {
    const { host, daemon } = await machine();
    host.fs.mkdirSync('/home/student/app', { recursive: true });
    host.fs.writeFileSync('/home/student/app/compose.yaml', 'services:\n  ticker:\n    image: busybox\n    command: sh -c "trap \'exit 0\' TERM; while true; do echo tick; sleep 0.1; done"\n', { uid: 1000, gid: 1000 });
    const t = typist(host.openTerminal());
    let at = await t.waitFor(PROMPT);
    t.type('cd app && docker compose up\r');
    at = await t.waitFor('Attaching to ticker-1\r\n', at);
    at = await t.waitFor('tick\r\n', at);
    t.type('\x03');
    at = await t.waitFor('Gracefully stopping... (press Ctrl+C again to force)', at);
    at = await t.waitFor('student@playground:~/app$ ', at);
    t.type('echo $?; docker compose ps -a --format "{{.Name}} {{.State}}"\r');
    await t.waitFor('0\r\napp-ticker-1 exited\r\n', at);
    expect(daemon.containers.list().map((c) => c.state.Running)).toEqual([false]);
  });

  it('localhost on the host reaches published ports (as Docker Desktop forwards them); nothing else is routed', async () => {
    const { host } = await machine();
    const t = typist(host.openTerminal());
    let at = await t.waitFor(PROMPT);
    t.type('docker run -d -p 8080:80 --name web busybox sh -c "mkdir /w && echo hola desde el puerto > /w/index.html && httpd -f -p 80 -h /w" >/dev/null; sleep 0.2; wget -qO- http://localhost:8080/\r');
    at = await t.waitFor(`hola desde el puerto\r\n${PROMPT}`, at);
    t.type('wget -qO- http://localhost:9999/; wget -qO- http://172.17.0.2/\r');
    await t.waitFor(`wget: can't connect to remote host (127.0.0.1): Connection refused\r\nwget: can't connect to remote host (172.17.0.2): Network is unreachable\r\n${PROMPT}`, at);
  });

  it('docker start -a: attached to a stopped container, its output and its status', async () => {
    const { host } = await machine();
    const t = typist(host.openTerminal());
    let at = await t.waitFor(PROMPT);
    t.type('docker create --name again busybox sh -c "echo run number one; exit 3" >/dev/null; docker start -a again; echo "status $?"; docker start -a again >/dev/null; echo "again $?"\r');
    await t.waitFor(`run number one\r\nstatus 3\r\nagain 3\r\n${PROMPT}`, at);
  });
});
