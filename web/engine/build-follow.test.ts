// A real `docker build` at the host's terminal, watched on the CLI's way to
// the engine (watchBuilds), turned into the editor's marks (marksOfBuild):
// the seeded site, a rebuild from the cache, a failing RUN, a multi-stage
// build with `-f` from outside the context, a parse error.
import { describe, expect, it } from 'vitest';
import { createEngine, EngineClient, engineTransport, HostMachine, MemoryFs } from '../../sandbox/index.ts';
import { marksOfBuild, watchBuilds, type ObservedBuild } from './build-follow.ts';
import { seedWorkspace } from './seed.ts';
import type { BuildMarkWire } from './protocol.ts';

const HOME = '/home/student';
const PROMPT = 'student@playground:~$ ';

async function machine() {
  const fs = new MemoryFs();
  const engine = await createEngine({ hostFs: fs });
  const transport = engineTransport(engine);
  const builds: Array<Promise<{ path: string; marks: BuildMarkWire[] } | null>> = [];
  const workspace = {
    get files() {
      const out: Array<{ path: string; size: number }> = [];
      const walk = (rel: string): void => {
        for (const name of fs.readdirSync(`${HOME}/${rel}`)) {
          const p = rel ? `${rel}/${name}` : name;
          const st = fs.lstatSync(`${HOME}/${p}`);
          if (st.type === 'dir') walk(p); else if (st.type === 'file') out.push({ path: p, size: st.size });
        }
      };
      walk('');
      return out;
    },
    read: (p: string) => { try { return fs.readFileSync(`${HOME}/${p}`); } catch { return null; } },
  };
  const onBuild = (b: ObservedBuild): void => { builds.push(marksOfBuild(b, { client: new EngineClient(transport), workspace })); };
  const host = new HostMachine({ client: new EngineClient(watchBuilds(transport, onBuild)), fs });
  seedWorkspace(fs, HOME);
  const t = host.openTerminal({ cols: 200, rows: 50 });
  let screen = '';
  let wake: (() => void) | null = null;
  const dec = new TextDecoder();
  t.onOutput((d) => { screen += dec.decode(d, { stream: true }); wake?.(); });
  const run = async (line: string): Promise<{ path: string; marks: BuildMarkWire[] } | null> => {
    const from = screen.length;
    const before = builds.length;
    t.input(`${line}\r`);
    while (screen.indexOf(PROMPT, from + line.length) < 0) await new Promise<void>((r) => { wake = r; });
    return builds.length > before ? builds.at(-1)! : null;
  };
  while (!screen.includes(PROMPT)) await new Promise<void>((r) => { wake = r; });
  return { fs, run, screen: () => screen };
}

const brief = (r: { path: string; marks: BuildMarkWire[] } | null) => r && { path: r.path, marks: r.marks.map((m) => `${m.line} ${m.kind} ${m.text}`) };

describe('marks of a build seen on its way to the CLI', () => {
  it('the seeded site: base, layer sizes, no layer; cached on a rebuild; a failing RUN is the error', async () => {
    const m = await machine();
    expect(brief(await m.run('docker build -t site .'))).toEqual({
      path: 'Dockerfile',
      marks: ['1 cached base image · 48.4MB', '2 built 193B · built', '3 built no layer · built'],
    });
    expect(m.screen()).toContain('Successfully tagged site:latest');
    expect(brief(await m.run('docker build -t site .'))?.marks).toEqual(['1 cached base image · 48.4MB', '2 cached 193B · cached', '3 cached no layer · cached']);
    m.fs.writeFileSync(`${HOME}/Dockerfile`, 'FROM nginx:alpine\nCOPY site/ /usr/share/nginx/html/\nRUN exit 3\nEXPOSE 80\n');
    expect(brief(await m.run('docker build -t site .'))?.marks).toEqual([
      '1 cached base image · 48.4MB', '2 cached 193B · cached', "3 error The command '/bin/sh -c exit 3' returned a non-zero code: 3",
    ]);
  });

  it('multi-stage, -f from outside the context, --target and --label: stages skipped, sizes per stage, continuation lines', async () => {
    const m = await machine();
    m.fs.mkdirSync(`${HOME}/app/src`, { recursive: true });
    m.fs.writeFileSync(`${HOME}/app/src/main.txt`, 'hello\n');
    m.fs.mkdirSync(`${HOME}/docker`, { recursive: true });
    m.fs.writeFileSync(`${HOME}/docker/multi.Dockerfile`, `ARG V=1
FROM alpine:3.21 AS build
WORKDIR /src
COPY src/ ./
RUN cat main.txt > /artifact && \\
    echo "v $V" >> /artifact
ENV X=1
FROM busybox AS debug
RUN echo debug
FROM busybox AS final
COPY --from=build /artifact /artifact
RUN true
CMD ["cat", "/artifact"]
`);
    const r = await m.run('docker build -f docker/multi.Dockerfile --target final --label a=b -t multi app');
    expect(m.screen()).toContain('Step 11/11 : LABEL "a"="b"');
    expect(brief(r)).toEqual({
      path: 'docker/multi.Dockerfile',
      marks: [
        '1 cached global ARG · no layer',
        '2 cached base image · 7.84MB · not in final image',
        '3 built 0B · built · not in final image', // WORKDIR made the directory: a layer of 0 bytes
        '4 built 6B · built · not in final image',
        '5 built 9B · built · not in final image',
        '7 built no layer · built · not in final image',
        '10 cached base image · 4.52MB',
        '11 built 9B · built',
        '12 built no layer · built', // RUN true changed nothing: no layer
        '13 built no layer · built',
      ],
    });
  });

  it('a Dockerfile the parser refuses: the error on its line', async () => {
    const m = await machine();
    m.fs.writeFileSync(`${HOME}/Dockerfile`, 'FROM busybox\n\nRUN --bogus true\n');
    expect(brief(await m.run('docker build .'))).toEqual({ path: 'Dockerfile', marks: ['3 error dockerfile parse error on line 3: unknown flag: bogus'] });
  });

  it('no marks for a quiet build, or a Dockerfile from stdin that no file holds', async () => {
    const m = await machine();
    expect(await m.run('docker build -q .')).toBeNull();
    expect(await m.run("printf 'FROM busybox\\nENV A=1\\n' | docker build -f - .")).toBeNull();
    expect(m.screen()).toContain('Successfully built');
  });
});

describe('watchBuilds', () => {
  const enc = new TextEncoder();
  const request = (method: string, path: string) => ({ method, path, query: new Map([['dockerfile', 'x.Dockerfile']]), headers: new Map<string, string>(), body: new Uint8Array([1]) });

  it('hands each chunk on as it comes, then reports the build once its stream ends', async () => {
    const lines = ['{"stream":"Step 1/1 : FROM busybox\\n"}\r\n', '{"stream":" ---> 0123456789ab\\n"}\r\n', '{"aux":{"ID":"sha256:01"}}\r\n'];
    const seen: string[] = [];
    const watched = watchBuilds(async () => ({
      status: 200,
      stream: async (write) => { for (const l of lines) { await write(enc.encode(l)); seen.push(`sent ${seen.length}`); } },
    }), (b) => seen.push(`build ${b.dockerfile} ${b.outcome.steps.length} ${b.outcome.imageId}`));
    const r = await watched(request('POST', '/v1.50/build'));
    await r.stream!(async (c) => { seen.push(`got ${new TextDecoder().decode(c).length}`); }, new Promise(() => {}));
    expect(seen).toEqual([`got ${lines[0]!.length}`, 'sent 1', `got ${lines[1]!.length}`, 'sent 3', `got ${lines[2]!.length}`, 'sent 5', 'build x.Dockerfile 1 sha256:01']);
  });

  it('leaves other calls alone', async () => {
    const answer = { status: 200, stream: async () => {} };
    const watched = watchBuilds(async () => answer, () => { throw new Error('not a build'); });
    expect(await watched(request('GET', '/v1.50/events'))).toBe(answer);
    expect(await watched(request('POST', '/v1.50/build/prune'))).toBe(answer);
  });
});
