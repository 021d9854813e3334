// What each instruction does to the image, checked on the built result.
import { describe, expect, it } from 'vitest';
import { programOf } from '../fs/executable.ts';
import { buildWith, imageFs, readFromImage, testDaemon } from './testing/harness.ts';
import { tarOf } from '../layer/testing/tar.ts';

async function built(files: Parameters<typeof buildWith>[1], opts: Parameters<typeof buildWith>[2] = {}) {
  const d = await testDaemon();
  const r = await buildWith(d, files, opts);
  if (r.error) throw new Error(`${r.error}\n${r.output}`);
  return { d, image: r.image!, output: r.output };
}

describe('ENV, ARG and substitution', () => {
  it('sets variables in both forms, substituting against the previous values', async () => {
    const { image } = await built({ Dockerfile: 'FROM busybox\nENV A=1\nENV A=2 B=${A}x C="two words" D=\'$A\'\nENV OLD legacy form\n' });
    expect(image.config.config.Env).toEqual([
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'A=2', 'B=1x', 'C=two words', 'D=$A', 'OLD=legacy form',
    ]);
  });

  it('scopes ARGs: global ones only in FROM unless redeclared; --build-arg overrides defaults', async () => {
    const df = 'ARG TAG=latest\nARG GREETING=hi\nFROM busybox:${TAG}\nARG GREETING\nARG LOCAL=local\nENV G=$GREETING L=$LOCAL T=x${TAG}\n';
    const { image } = await built({ Dockerfile: df }, { buildArgs: new Map([['LOCAL', 'cli']]) });
    expect(image.config.config.Env).toContain('G=hi');
    expect(image.config.config.Env).toContain('L=cli');
    expect(image.config.config.Env).toContain('T=x');
  });

  it('passes build args to RUN as environment, ENV taking precedence', async () => {
    const { d, image } = await built({ Dockerfile: 'FROM busybox\nARG A=arg\nARG B=arg\nENV B=env\nRUN echo "$A $B" > /out\n' });
    expect(readFromImage(d, image, '/out')).toBe('arg env\n');
    expect(image.config.config.Env).not.toContain('A=arg');
  });
});

describe('WORKDIR, USER and RUN', () => {
  it('creates WORKDIR, resolves relative paths against the previous one, and runs RUN there', async () => {
    const { d, image } = await built({ Dockerfile: 'FROM busybox\nWORKDIR /app\nWORKDIR src\nRUN pwd > here\n' });
    expect(image.config.config.WorkingDir).toBe('/app/src');
    expect(readFromImage(d, image, '/app/src/here')).toBe('/app/src\n');
  });

  it('records an existing WORKDIR as an empty layer and a created one as a layer', async () => {
    const { image } = await built({ Dockerfile: 'FROM busybox\nWORKDIR /tmp\nWORKDIR /new\n' });
    const own = image.config.history.slice(-2);
    expect(own.map((h) => [h.created_by, !!h.empty_layer])).toEqual([['/bin/sh -c #(nop) WORKDIR /tmp', true], ['/bin/sh -c #(nop) WORKDIR /new', false]]);
  });

  it('runs RUN as USER: files it creates belong to that user', async () => {
    const { d, image } = await built({ Dockerfile: 'FROM busybox\nUSER nobody\nRUN echo x > /tmp/mine\n' });
    expect(imageFs(d, image).statSync('/tmp/mine')).toMatchObject({ uid: 65534, gid: 65534 });
    expect(image.config.config.User).toBe('nobody');
  });

  it('runs exec-form RUN without a shell and heredoc RUN as a script', async () => {
    const { d, image, output } = await built({ Dockerfile: 'FROM busybox\nRUN ["echo", "$HOME not expanded"]\nRUN <<EOF\necho one > /h\necho two >> /h\nEOF\n' });
    expect(output).toContain('$HOME not expanded\n');
    expect(readFromImage(d, image, '/h')).toBe('one\ntwo\n');
  });

  it('uses SHELL for shell-form RUN, CMD and ENTRYPOINT', async () => {
    const { image } = await built({ Dockerfile: 'FROM busybox\nSHELL ["/bin/sh", "-e", "-c"]\nRUN true\nCMD echo hi\n' });
    expect(image.config.config.Cmd).toEqual(['/bin/sh', '-e', '-c', 'echo hi']);
    expect(image.config.config.Shell).toEqual(['/bin/sh', '-e', '-c']);
    expect(image.config.history.at(-2)!.created_by).toBe('/bin/sh -e -c true');
  });

  it('records a RUN that changes nothing as an empty layer', async () => {
    const { image } = await built({ Dockerfile: 'FROM busybox\nRUN true\n' });
    expect(image.config.history.at(-1)).toMatchObject({ created_by: '/bin/sh -c true', empty_layer: true });
    expect(image.config.rootfs.diff_ids).toHaveLength(1);
  });
});

describe('CMD and ENTRYPOINT', () => {
  it('stores exec and shell forms', async () => {
    const { image } = await built({ Dockerfile: 'FROM busybox\nENTRYPOINT ["top", "-b"]\nCMD ["-c"]\n' });
    expect(image.config.config.Entrypoint).toEqual(['top', '-b']);
    expect(image.config.config.Cmd).toEqual(['-c']);
    expect(image.config.history.at(-1)!.created_by).toBe('/bin/sh -c #(nop)  CMD ["-c"]');
  });

  it('ENTRYPOINT clears a CMD inherited from the base, but keeps one set in this stage', async () => {
    const inherited = await built({ Dockerfile: 'FROM busybox\nENTRYPOINT ["echo"]\n' });
    expect(inherited.image.config.config.Cmd ?? null).toBeNull();
    const own = await built({ Dockerfile: 'FROM busybox\nCMD ["hi"]\nENTRYPOINT ["echo"]\n' });
    expect(own.image.config.config.Cmd).toEqual(['hi']);
  });
});

describe('metadata instructions', () => {
  it('LABEL, EXPOSE, VOLUME, STOPSIGNAL, MAINTAINER', async () => {
    const { image } = await built({ Dockerfile: 'FROM busybox\nARG P=8080\nLABEL a=1 "b c"="d e"\nEXPOSE 80 $P/udp 9000-9001\nVOLUME ["/data"]\nVOLUME /logs /cache\nSTOPSIGNAL SIGINT\nMAINTAINER Ana <ana@example.com>\n' });
    const c = image.config.config;
    expect(c.Labels).toEqual({ a: '1', 'b c': 'd e' });
    expect(Object.keys(c.ExposedPorts!)).toEqual(['80/tcp', '8080/udp', '9000/tcp', '9001/tcp']);
    expect(Object.keys(c.Volumes!)).toEqual(['/data', '/logs', '/cache']);
    expect(c.StopSignal).toBe('SIGINT');
    expect(image.config.author).toBe('Ana <ana@example.com>');
    expect(image.config.history.map((h) => h.created_by).slice(-6)).toEqual([
      '/bin/sh -c #(nop)  LABEL a=1 b c=d e',
      '/bin/sh -c #(nop)  EXPOSE 80 8080/udp 9000-9001',
      '/bin/sh -c #(nop)  VOLUME [/data]',
      '/bin/sh -c #(nop)  VOLUME [/logs /cache]',
      '/bin/sh -c #(nop)  STOPSIGNAL SIGINT',
      '/bin/sh -c #(nop)  MAINTAINER Ana <ana@example.com>',
    ]);
  });

  it('keeps label keys that look like object internals as plain labels', async () => {
    const { image } = await built({ Dockerfile: 'FROM busybox\nLABEL __proto__=x constructor=y\n' });
    expect(Object.entries(image.config.config.Labels!)).toEqual([['__proto__', 'x'], ['constructor', 'y']]);
    expect(new TextDecoder().decode(image.configBytes)).toContain('"Labels":{"__proto__":"x","constructor":"y"}');
  });

  it('HEALTHCHECK stores durations in nanoseconds; NONE disables', async () => {
    const { image } = await built({ Dockerfile: 'FROM busybox\nHEALTHCHECK --interval=5s --timeout=1m30s --retries=3 CMD wget -q -O- localhost || exit 1\n' });
    expect(image.config.config.Healthcheck).toEqual({
      Test: ['CMD-SHELL', 'wget -q -O- localhost || exit 1'], Interval: 5e9, Timeout: 90e9, StartPeriod: 0, StartInterval: 0, Retries: 3,
    });
    expect(image.config.history.at(-1)!.created_by).toBe('/bin/sh -c #(nop)  HEALTHCHECK &{["CMD-SHELL" "wget -q -O- localhost || exit 1"] "5s" "1m30s" "0s" "0s" \'\\x03\'}');
    const none = await built({ Dockerfile: 'FROM busybox\nHEALTHCHECK NONE\n' });
    expect(none.image.config.config.Healthcheck).toEqual({ Test: ['NONE'] });
  });

  it('ONBUILD triggers run in the child build and are not inherited further', async () => {
    const d = await testDaemon();
    const parent = await buildWith(d, { Dockerfile: 'FROM busybox\nONBUILD COPY marker.txt /from-trigger\n', 'marker.txt': 'x' }, { tags: ['base-onbuild'] });
    expect(parent.image!.config.config.OnBuild).toEqual(['COPY marker.txt /from-trigger']);
    const child = await buildWith(d, { Dockerfile: 'FROM base-onbuild\nRUN cat /from-trigger\n', 'marker.txt': 'child' });
    expect(child.error).toBeUndefined();
    expect(child.output).toContain('# Executing 1 build trigger\n');
    expect(child.output).toContain('child');
    expect(child.image!.config.config.OnBuild ?? null).toBeNull();
  });
});

describe('COPY and ADD', () => {
  const ctx = {
    Dockerfile: '',
    'a.txt': 'A',
    'src/main.js': 'main',
    'src/lib/util.js': 'util',
    'run.sh': { content: '#!/bin/sh\necho ran\n', mode: 0o755 },
    'logs/x.log': 'log',
  };

  it('follows Docker\'s trailing-slash and directory rules', async () => {
    const { d, image } = await built({ ...ctx, Dockerfile: 'FROM busybox\nCOPY a.txt /file\nCOPY a.txt /dir/\nCOPY src /app\nCOPY src/ /app2/\nCOPY a.txt run.sh /multi/\nCOPY a.txt /tmp\n' });
    const fs = imageFs(d, image);
    expect(fs.readFileSync('/file')).toEqual(new TextEncoder().encode('A'));
    expect(fs.readdirSync('/dir')).toEqual(['a.txt']);
    expect(fs.readdirSync('/app')).toEqual(['lib', 'main.js']);
    expect(fs.readdirSync('/app2')).toEqual(['lib', 'main.js']);
    expect(fs.readdirSync('/multi')).toEqual(['a.txt', 'run.sh']);
    expect(fs.existsSync('/tmp/a.txt')).toBe(true);
    expect(fs.statSync('/multi/run.sh').mode).toBe(0o755);
    expect(fs.statSync('/file')).toMatchObject({ uid: 0, gid: 0 });
  });

  it('expands globs, copies relative to WORKDIR, and honours .dockerignore with exceptions', async () => {
    const { d, image } = await built({ ...ctx, '.dockerignore': 'logs\n**/*.js\n!src/main.js\n', Dockerfile: 'FROM busybox\nWORKDIR /w\nCOPY *.txt ./\nCOPY . /all/\n' });
    const fs = imageFs(d, image);
    expect(fs.readdirSync('/w')).toEqual(['a.txt']);
    expect(fs.existsSync('/all/logs')).toBe(false);
    expect(fs.existsSync('/all/src/main.js')).toBe(true);
    expect(fs.existsSync('/all/src/lib/util.js')).toBe(false);
  });

  it('applies --chown (names from the image) and --chmod', async () => {
    const { d, image } = await built({ ...ctx, Dockerfile: 'FROM busybox\nCOPY --chown=www-data:www-data --chmod=600 a.txt /srv/a.txt\nCOPY --chown=65534 src /owned/\n' });
    const fs = imageFs(d, image);
    expect(fs.statSync('/srv/a.txt')).toMatchObject({ uid: 33, gid: 33, mode: 0o600 });
    expect(fs.statSync('/owned/lib/util.js')).toMatchObject({ uid: 65534, gid: 65534 });
    expect(fs.statSync('/owned')).toMatchObject({ uid: 65534 });
  });

  it('copies from an earlier stage (by name or index) and from an image', async () => {
    const { d, image } = await built({ ...ctx, Dockerfile: 'FROM busybox AS build\nRUN echo artifact > /out.txt\nFROM scratch\nCOPY --from=build /out.txt /\nCOPY --from=0 /bin/busybox /busybox\nCOPY --from=alpine:3.21 /etc/alpine-release /\n' });
    const fs = imageFs(d, image);
    expect(new TextDecoder().decode(fs.readFileSync('/out.txt'))).toBe('artifact\n');
    expect(programOf(fs.readContentSync('/busybox'))).toBe('busybox');
    expect(new TextDecoder().decode(fs.readFileSync('/alpine-release'))).toBe('3.21.3\n');
  });

  it('COPY heredoc writes a file; the history line names the checksum', async () => {
    const { d, image } = await built({ Dockerfile: 'FROM busybox\nARG WHO=world\nCOPY <<EOF /hello.txt\nhello $WHO\nEOF\n' });
    expect(readFromImage(d, image, '/hello.txt')).toBe('hello world\n');
    expect(image.config.history.at(-1)!.created_by).toMatch(/^\/bin\/sh -c #\(nop\) COPY file:[0-9a-f]{64} in \/hello.txt $/);
  });

  it('ADD extracts a local tar (plain or gzip) and copies other files as they are', async () => {
    const tar = await tarOf([{ name: 'pkg/', type: 'directory' }, { name: 'pkg/readme', body: 'inside' }]);
    const gz = new Uint8Array(await new Response(new Blob([tar as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
    const { d, image } = await built({ Dockerfile: 'FROM busybox\nADD bundle.tar /opt/\nADD bundle.tar.gz /gz\nADD a.txt /plain/\n', 'bundle.tar': { content: tar }, 'bundle.tar.gz': { content: gz }, 'a.txt': 'A' });
    const fs = imageFs(d, image);
    expect(new TextDecoder().decode(fs.readFileSync('/opt/pkg/readme'))).toBe('inside');
    expect(new TextDecoder().decode(fs.readFileSync('/gz/pkg/readme'))).toBe('inside');
    expect(fs.readdirSync('/plain')).toEqual(['a.txt']);
    expect(image.config.history.at(-1)!.created_by).toMatch(/#\(nop\) ADD file:[0-9a-f]{64} in \/plain\/ $/);
  });

  it('a later step that deletes a file hides it with a whiteout; the image stays the same size', async () => {
    const { d, image } = await built({ Dockerfile: 'FROM busybox\nCOPY a.txt /big\nRUN rm /big\n', 'a.txt': 'x'.repeat(10_000) });
    expect(imageFs(d, image).existsSync('/big')).toBe(false);
    const copyLayer = image.top!.parent!;
    expect(copyLayer.size).toBe(10_000);
    expect(image.top!.size).toBe(0);
  });
});

describe('multi-stage builds', () => {
  const df = 'FROM busybox AS base\nRUN echo base > /base\nFROM base AS dev\nRUN echo dev > /dev.txt\nFROM busybox AS unrelated\nRUN echo never\nFROM base AS prod\nCOPY --from=dev /dev.txt /\n';

  it('builds the last stage by default, skipping stages it does not need', async () => {
    const { d, image, output } = await built({ Dockerfile: df });
    expect(output).not.toContain('echo never');
    expect(output).toContain('Step 1/6 : FROM busybox AS base');
    expect(readFromImage(d, image, '/dev.txt')).toBe('dev\n');
    expect(readFromImage(d, image, '/base')).toBe('base\n');
  });

  it('stops at --target', async () => {
    const { d, image, output } = await built({ Dockerfile: df }, { target: 'dev' });
    expect(output).not.toContain('FROM base AS prod');
    expect(imageFs(d, image).existsSync('/dev.txt')).toBe(true);
  });
});

describe('tags and labels', () => {
  it('tags the result; re-tagging leaves the old image dangling', async () => {
    const d = await testDaemon();
    const one = await buildWith(d, { Dockerfile: 'FROM busybox\nENV V=1\n' }, { tags: ['app:1.0', 'app'] });
    expect(one.output).toMatch(/Successfully built [0-9a-f]{12}\nSuccessfully tagged app:1.0\nSuccessfully tagged app:latest\n$/);
    const two = await buildWith(d, { Dockerfile: 'FROM busybox\nENV V=2\n' }, { tags: ['app'] });
    expect(d.images.resolve('app')!.id).toBe(two.image!.id);
    expect(d.images.refsOf(one.image!.id)).toEqual(['docker.io/library/app:1.0']);
  });

  it('adds --label options as a final LABEL step', async () => {
    const { image, output } = await built({ Dockerfile: 'FROM busybox\n' }, { labels: new Map([['org.example.team', 'blue']]) });
    expect(image.config.config.Labels).toEqual({ 'org.example.team': 'blue' });
    expect(output).toContain('Step 2/2 : LABEL "org.example.team"="blue"');
  });
});

describe('Dockerfile location', () => {
  it('uses -f to read another Dockerfile from the context', async () => {
    const d = await testDaemon();
    const r = await buildWith(d, { 'docker/prod.Dockerfile': 'FROM busybox\nCOPY app.txt /\n', 'app.txt': 'x' }, { dockerfile: 'docker/prod.Dockerfile' });
    expect(r.error).toBeUndefined();
    expect(readFromImage(d, r.image!, '/app.txt')).toBe('x');
  });
});
