// Random Dockerfiles for property tests: instruction lines built from the
// pieces that trip parsers (quotes, escapes, continuations, heredocs, JSON
// forms, flags, variables, odd Unicode), mixed with plain random text. Used
// by parse.fuzz.test.ts and the daemon's build fuzz test.
import fc from 'fast-check';

const KEYWORDS = ['FROM', 'RUN', 'CMD', 'ENTRYPOINT', 'ENV', 'ARG', 'LABEL', 'COPY', 'ADD', 'WORKDIR', 'USER', 'EXPOSE',
  'VOLUME', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'ONBUILD', 'MAINTAINER', 'from', 'Run', 'FORM', 'RUNN', '#', '# syntax=docker/dockerfile:1', '# escape=`'];

const PIECES = ['busybox', 'alpine:3.21', 'scratch', 'AS', 'build', 'a=b', 'A=${A}', '$A', '${A:-x}', '${A:?}', '${#A}', '"', "'", '\\', '`',
  '\\\n', '`\n', '[', ']', '["echo", "hi"]', '["a",', '{}', '--from=build', '--from=0', '--from=9', '--chown=1:1', '--chmod=755', '--mount=type=cache,target=/x',
  '--interval=1s', '--platform=linux/amd64', '--', '-', '<<EOF', '<<-"EOF"', '\nEOF\n', '/', '..', '../..', '/etc/passwd', '*', '?', '[a-', '80/tcp',
  '65536', '-1', 'SIGKILL', 'NONE', 'CMD', 'echo hi', 'exit 3', 'true', 'false', 'sh -c', '&&', '||', ';', '|', '>', '$(', ')', '\t', ' ', '  ',
  '\u00e9', '\u{1F433}', '\u0000', '\r', '\ufeff', '\u200b'];

/** One argument string: pieces and random text. */
const args = fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }), { maxLength: 8 })
  .map((parts) => parts.join(' '));

/** One line of a Dockerfile. */
export const dockerfileLine = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...KEYWORDS), args).map(([k, a]) => `${k} ${a}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constant('') },
);

/** A Dockerfile that usually starts with a usable FROM, so later instructions get exercised. */
export const dockerfileText = fc.tuple(
  fc.constantFrom('FROM busybox\n', 'FROM alpine AS build\n', 'ARG V=1\nFROM busybox:latest\n', '', 'FROM scratch\n'),
  fc.array(dockerfileLine, { maxLength: 12 }),
).map(([head, lines]) => head + lines.join('\n') + '\n');

const word = fc.oneof(fc.constantFrom(...PIECES.filter((p) => !/[\n"'`\\]/.test(p))), fc.stringMatching(/^[A-Za-z0-9_./-]{1,10}$/));
const path = fc.oneof(fc.constantFrom('/', '/app', 'app', '.', './dir', 'dir/', '/tmp/x/', '../up', '/etc/passwd', 'out', 'up', 'app.txt', 'dir/*.txt', '*', '/$HOME', '${D:-/d}', '~'), fc.stringMatching(/^[A-Za-z0-9_./*?-]{1,16}$/));
const value = fc.oneof(word, fc.string({ maxLength: 10 }).map((s) => JSON.stringify(s)), fc.constantFrom('$A', '${A}', '${A:-x}', '${A:+y}', '\\$A', '""', "''"));
const runCommand = fc.constantFrom('true', 'false', 'exit 3', 'echo hi > /f', 'mkdir -p /a/b && touch /a/b/c', 'rm -rf /bin/ls', 'ln -s /nowhere /l', 'cat /nope',
  'echo $A', 'sh -c "exit 1"', 'printf %s x', 'test -f /f', 'chmod 000 /f || true', 'dd if=/dev/zero of=/big bs=1k count=64', 'nosuchcmd', 'cd /tmp', 'umask 077; touch /u');

/** A structurally valid instruction with plausible, sometimes wrong, arguments (these reach the dispatchers). */
const validishLine = fc.oneof(
  fc.tuple(fc.constantFrom('RUN', 'RUN ["sh", "-c",'), runCommand).map(([k, c]) => (k === 'RUN' ? `RUN ${c}` : `${k} ${JSON.stringify(c)}]`)),
  fc.tuple(fc.constantFrom('COPY', 'ADD', 'COPY --chown=1:1', 'COPY --chmod=600', 'COPY --from=0', 'COPY --from=busybox', 'COPY --from=first'), fc.array(path, { minLength: 1, maxLength: 3 }), path)
    .map(([k, src, dst]) => `${k} ${src.join(' ')} ${dst}`),
  fc.tuple(fc.constantFrom('ENV', 'ARG', 'LABEL'), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,5}$/), value).map(([k, n, v]) => `${k} ${n}=${v}`),
  path.map((p) => `WORKDIR ${p}`),
  fc.constantFrom('root', 'nobody', '1000', '1000:1000', 'ghost', '$A', '0:ghost').map((u) => `USER ${u}`),
  fc.constantFrom('80', '80/tcp', '53/udp', '8000-8002', '0', '65535', '99999', 'http', '$P').map((p) => `EXPOSE ${p}`),
  fc.tuple(fc.constantFrom('CMD', 'ENTRYPOINT'), fc.oneof(runCommand, runCommand.map((c) => JSON.stringify(c.split(' '))))).map(([k, c]) => `${k} ${c}`),
  fc.constantFrom('VOLUME /data', 'VOLUME ["/a", "/b"]', 'STOPSIGNAL SIGINT', 'STOPSIGNAL 9', 'SHELL ["/bin/sh", "-ec"]', 'SHELL ["/nope"]',
    'HEALTHCHECK CMD true', 'HEALTHCHECK NONE', 'ONBUILD RUN true', 'FROM busybox AS second', 'FROM first', 'FROM alpine:3.21', 'FROM scratch',
    'RUN <<EOF\necho heredoc > /h\nEOF', 'COPY <<EOF /inline.txt\nhello $A\nEOF'),
);

/** A Dockerfile of such instructions after a FROM (named `first`), to exercise dispatch rather than the parser. */
export const validishDockerfile = fc.tuple(fc.constantFrom('FROM busybox AS first\n', 'FROM alpine AS first\n', 'ARG B=busybox\nFROM $B AS first\n'), fc.array(validishLine, { minLength: 1, maxLength: 10 }))
  .map(([head, lines]) => head + lines.join('\n') + '\n');
