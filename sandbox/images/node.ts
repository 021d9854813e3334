// node:22-alpine — Node.js 22 on alpine 3.21, as the official image builds
// it: a `node` user, libstdc++, the node binary with npm and corepack, yarn,
// and docker-entrypoint.sh (which runs `node` for `docker run node app.js`).
// node:20-alpine is the same recipe with Node.js 20 and its npm: the same
// runtime underneath, whose binaries carry the versions they report. It is
// installed when first named (as a pull would), not at start-up.
import type { OverlayFs } from '../fs/overlay.ts';
import { installPackages } from '../programs/apk/db.ts';
import { BASE_PACKAGES, BASE_WORLD, NODE_RUNTIME_PACKAGES } from '../programs/apk/packages.ts';
import { alpine } from './alpine.ts';
import { binary, blob, link, put, PATH_ENV, type BuiltinImage } from './define.ts';

export const NODE_VERSION = '22.14.0';
const YARN_VERSION = '1.22.22';

/** What differs between the node images: the releases they ship. */
interface NodeRelease {
  node: string;
  npm: string;
  /** Written into the binaries (null: the programs' defaults, which are node 22's). */
  stamped: boolean;
}

const ENTRYPOINT = `#!/bin/sh
set -e

# Run command with node if the first argument contains a "-" or is not a system command. The last
# part inside the "{}" is a workaround for the following bug in ash/dash:
# https://bugs.debian.org/cgi-bin/bugreport.cgi?bug=874264
if [ "\${1#-}" != "\${1}" ] || [ -z "$(command -v "\${1}")" ] || { [ -f "\${1}" ] && ! [ -x "\${1}" ]; }; then
  set -- node "$@"
fi

exec "$@"
`;

const NPM_BUNDLED = [
  '@isaacs/cliui', '@isaacs/fs-minipass', '@npmcli/agent', '@npmcli/arborist', '@npmcli/config', '@npmcli/fs',
  '@npmcli/git', '@npmcli/installed-package-contents', '@npmcli/map-workspaces', '@npmcli/metavuln-calculator',
  '@npmcli/name-from-folder', '@npmcli/node-gyp', '@npmcli/package-json', '@npmcli/promise-spawn', '@npmcli/query',
  '@npmcli/redact', '@npmcli/run-script', '@sigstore/bundle', '@sigstore/core', '@sigstore/sign', '@sigstore/tuf',
  '@sigstore/verify', '@tufjs/models', 'abbrev', 'agent-base', 'aggregate-error', 'ansi-regex', 'ansi-styles',
  'aproba', 'archy', 'balanced-match', 'bin-links', 'binary-extensions', 'brace-expansion', 'cacache', 'chalk',
  'chownr', 'ci-info', 'cidr-regex', 'clean-stack', 'cli-columns', 'cmd-shim', 'color-convert', 'color-name',
  'common-ancestor-path', 'cross-spawn', 'cssesc', 'debug', 'diff', 'eastasianwidth', 'emoji-regex', 'encoding',
  'env-paths', 'err-code', 'exponential-backoff', 'fastest-levenshtein', 'foreground-child', 'fs-minipass', 'glob',
  'graceful-fs', 'hosted-git-info', 'http-cache-semantics', 'http-proxy-agent', 'https-proxy-agent', 'iconv-lite',
  'ignore-walk', 'imurmurhash', 'indent-string', 'ini', 'init-package-json', 'ip-address', 'ip-regex', 'is-cidr',
  'is-fullwidth-code-point', 'isexe', 'jackspeak', 'jsbn', 'json-parse-even-better-errors', 'json-stringify-nice',
  'jsonparse', 'just-diff', 'just-diff-apply', 'libnpmaccess', 'libnpmdiff', 'libnpmexec', 'libnpmfund',
  'libnpmhook', 'libnpmorg', 'libnpmpack', 'libnpmpublish', 'libnpmsearch', 'libnpmteam', 'libnpmversion',
  'lru-cache', 'make-fetch-happen', 'minimatch', 'minipass', 'minipass-collect', 'minipass-fetch', 'minipass-flush',
  'minipass-pipeline', 'minipass-sized', 'minizlib', 'mkdirp', 'ms', 'mute-stream', 'negotiator', 'node-gyp',
  'nopt', 'normalize-package-data', 'npm-audit-report', 'npm-bundled', 'npm-install-checks',
  'npm-normalize-package-bin', 'npm-package-arg', 'npm-packlist', 'npm-pick-manifest', 'npm-profile',
  'npm-registry-fetch', 'npm-user-validate', 'p-map', 'package-json-from-dist', 'pacote', 'parse-conflict-json',
  'path-key', 'path-scurry', 'postcss-selector-parser', 'proc-log', 'proggy', 'promise-all-reject-late',
  'promise-call-limit', 'promise-inflight', 'promise-retry', 'promzard', 'qrcode-terminal', 'read',
  'read-cmd-shim', 'read-package-json-fast', 'retry', 'safer-buffer', 'semver', 'shebang-command',
  'shebang-regex', 'signal-exit', 'sigstore', 'smart-buffer', 'socks', 'socks-proxy-agent', 'spdx-correct',
  'spdx-exceptions', 'spdx-expression-parse', 'spdx-license-ids', 'sprintf-js', 'ssri', 'string-width',
  'strip-ansi', 'supports-color', 'tar', 'text-table', 'tiny-relative-date', 'treeverse', 'tuf-js', 'unique-filename',
  'unique-slug', 'util-deprecate', 'validate-npm-package-license', 'validate-npm-package-name', 'walk-up-path',
  'which', 'wrap-ansi', 'write-file-atomic', 'yallist',
];

const NODE_HEADERS = [
  'common.gypi', 'config.gypi', 'js_native_api.h', 'js_native_api_types.h', 'node.h', 'node_api.h',
  'node_api_types.h', 'node_buffer.h', 'node_object_wrap.h', 'node_version.h', 'uv.h', 'uv/errno.h', 'uv/linux.h',
  'uv/threadpool.h', 'uv/unix.h', 'uv/version.h', 'v8-array-buffer.h', 'v8-callbacks.h', 'v8-container.h',
  'v8-context.h', 'v8-cppgc.h', 'v8-data.h', 'v8-date.h', 'v8-debug.h', 'v8-embedder-heap.h', 'v8-exception.h',
  'v8-function.h', 'v8-function-callback.h', 'v8-initialization.h', 'v8-internal.h', 'v8-isolate.h', 'v8-json.h',
  'v8-local-handle.h', 'v8-maybe.h', 'v8-memory-span.h', 'v8-message.h', 'v8-microtask-queue.h', 'v8-object.h',
  'v8-persistent-handle.h', 'v8-platform.h', 'v8-primitive.h', 'v8-profiler.h', 'v8-promise.h', 'v8-script.h',
  'v8-snapshot.h', 'v8-statistics.h', 'v8-template.h', 'v8-traced-handle.h', 'v8-typed-array.h', 'v8-value.h',
  'v8-version.h', 'v8.h', 'v8config.h', 'zconf.h', 'zlib.h', 'openssl/opensslv.h', 'openssl/ssl.h', 'openssl/evp.h',
  'openssl/crypto.h', 'openssl/x509.h', 'cppgc/allocation.h', 'cppgc/garbage-collected.h', 'cppgc/heap.h',
  'cppgc/member.h', 'cppgc/persistent.h', 'cppgc/visitor.h', 'libplatform/libplatform.h',
];

const YARN_UNAVAILABLE = `#!/usr/bin/env node
'use strict';
// yarn 1 is not part of the playground: npm is (its packages come from the playground's offline store).
process.stderr.write('yarn: yarn is not available in the playground: use npm instead (npm install, npm ci, npm run <script>), which installs from the playground\\'s offline package store\\n');
process.exit(1);
`;

const COREPACK_UNAVAILABLE = `#!/usr/bin/env node
'use strict';
// corepack downloads package managers (yarn, pnpm) from the internet; the playground is offline.
process.stderr.write('corepack: corepack is not available in the playground (it downloads package managers, and the playground is offline): use npm\\n');
process.exit(1);
`;

function append(fs: OverlayFs, path: string, line: string): void {
  fs.writeFileSync(path, line, { flag: 'a' });
}

const nodeLayer = (release: NodeRelease) => (fs: OverlayFs): void => {
  const stamp = (v: string): string | undefined => (release.stamped ? v : undefined);
  append(fs, '/etc/passwd', 'node:x:1000:1000::/home/node:/bin/sh\n');
  append(fs, '/etc/group', 'node:x:1000:node\n');
  append(fs, '/etc/shadow', 'node:!:20133:0:99999:7:::\n');
  fs.mkdirSync('/home/node', { uid: 1000, gid: 1000 });
  installPackages(fs, BASE_PACKAGES, NODE_RUNTIME_PACKAGES, [...BASE_WORLD, 'libstdc++']);
  binary(fs, '/usr/local/bin/node', 'node', 104_917_432, 0o755, stamp(release.node));
  const npm = '/usr/local/lib/node_modules/npm';
  // npm and npx are the playground's built-in programs (sandbox/programs/npm), sized like npm 10.9.2's scripts.
  binary(fs, `${npm}/bin/npm-cli.js`, 'npm', 54, 0o755, stamp(release.npm));
  binary(fs, `${npm}/bin/npx-cli.js`, 'npx', 2_921, 0o755, stamp(release.npm));
  put(fs, `${npm}/package.json`, JSON.stringify({ name: 'npm', version: release.npm, bin: { npm: 'bin/npm-cli.js', npx: 'bin/npx-cli.js' }, main: './index.js' }, null, 2) + '\n');
  const npmParts: Array<[string, number]> = [
    ['lib/cli.js', 4_361], ['lib/npm.js', 14_208], ['lib/commands/install.js', 6_442], ['lib/commands/run-script.js', 6_810],
    ['lib/utils/display.js', 15_027], ['index.js', 199], ['README.md', 5_521], ['LICENSE', 8_881],
    ['docs/content/commands/npm-install.md', 18_437], ['man/man1/npm-install.1', 16_522],
    ['node_modules/@npmcli/arborist/lib/arborist/reify.js', 56_320], ['node_modules/@npmcli/arborist/lib/index.js', 2_018],
    ['node_modules/pacote/lib/fetcher.js', 16_894], ['node_modules/semver/index.js', 2_616],
    ['node_modules/tar/dist/commonjs/index.js', 3_215], ['node_modules/node-gyp/gyp/pylib/gyp/input.py', 131_011],
  ];
  for (const [p, size] of npmParts) blob(fs, `${npm}/${p}`, size);
  // npm's bundled dependencies (~9.8 MB installed), spread over their real names.
  NPM_BUNDLED.forEach((dep, i) => {
    blob(fs, `${npm}/node_modules/${dep}/package.json`, 900 + (i * 37) % 700);
    blob(fs, `${npm}/node_modules/${dep}/lib/index.js`, 60_000 + ((i * 7919) % 200_000));
  });
  const corepack = '/usr/local/lib/node_modules/corepack';
  put(fs, `${corepack}/package.json`, JSON.stringify({ name: 'corepack', version: '0.31.0', bin: { corepack: './dist/corepack.js' } }, null, 2) + '\n');
  // corepack downloads package managers from the internet: its launcher says so instead of loading its bundle.
  put(fs, `${corepack}/dist/corepack.js`, COREPACK_UNAVAILABLE, 0o755);
  blob(fs, `${corepack}/dist/lib/corepack.cjs`, 1_718_425);
  link(fs, '../lib/node_modules/npm/bin/npm-cli.js', '/usr/local/bin/npm');
  link(fs, '../lib/node_modules/npm/bin/npx-cli.js', '/usr/local/bin/npx');
  link(fs, '../lib/node_modules/corepack/dist/corepack.js', '/usr/local/bin/corepack');
  NODE_HEADERS.forEach((h, i) => blob(fs, `/usr/local/include/node/${h}`, 30_000 + ((i * 104_729) % 150_000)));
  blob(fs, '/usr/local/share/doc/node/gdbinit', 3_014);
  blob(fs, '/usr/local/share/doc/node/lldb_commands.py', 2_113);
  blob(fs, '/usr/local/share/man/man1/node.1', 23_118);
  blob(fs, '/usr/local/share/systemtap/tapset/node.stp', 4_726);
};

function yarnLayer(fs: OverlayFs): void {
  const dir = `/opt/yarn-v${YARN_VERSION}`;
  put(fs, `${dir}/bin/yarn`, '#!/bin/sh\nbasedir=$(dirname "$(readlink -f "$0")")\nexec node "$basedir/yarn.js" "$@"\n', 0o755);
  put(fs, `${dir}/bin/yarnpkg`, '#!/usr/bin/env node\nrequire(\'./yarn.js\');\n', 0o755);
  // yarn 1 does not run in the playground: its launcher says so and points to npm, which does.
  put(fs, `${dir}/bin/yarn.js`, YARN_UNAVAILABLE, 0o755);
  blob(fs, `${dir}/lib/cli.js`, 5_276_143);
  blob(fs, `${dir}/lib/v8-compile-cache.js`, 9_783);
  put(fs, `${dir}/package.json`, JSON.stringify({ name: 'yarn', version: YARN_VERSION, bin: { yarn: './bin/yarn.js', yarnpkg: './bin/yarn.js' } }, null, 2) + '\n');
  blob(fs, `${dir}/LICENSE`, 1_339);
  blob(fs, `${dir}/README.md`, 3_126);
  link(fs, `${dir}/bin/yarn`, '/usr/local/bin/yarn');
  link(fs, `${dir}/bin/yarnpkg`, '/usr/local/bin/yarnpkg');
}

/** The official node image's recipe for one release. */
function nodeImage(name: string, release: NodeRelease, tags: string[], created: number, lazy: boolean): BuiltinImage {
  return {
    name,
    tags,
    created,
    base: alpine,
    ...(lazy && { lazy }),
    steps: [
      { createdBy: `ENV NODE_VERSION=${release.node}`, comment: 'buildkit.dockerfile.v0' },
      {
        createdBy: 'RUN /bin/sh -c addgroup -g 1000 node     && adduser -u 1000 -G node -s /bin/sh -D node     && apk add --no-cache         libstdc++     && apk add --no-cache --virtual .build-deps         curl     && ARCH= OPENSSL_ARCH=\'linux*\' && alpineArch="$(apk --print-arch)" ... # buildkit',
        comment: 'buildkit.dockerfile.v0',
        layer: nodeLayer(release),
      },
      { createdBy: `ENV YARN_VERSION=${YARN_VERSION}`, comment: 'buildkit.dockerfile.v0' },
      {
        createdBy: 'RUN /bin/sh -c apk add --no-cache --virtual .build-deps-yarn curl gnupg tar   && export GNUPGHOME="$(mktemp -d)" ... && yarn --version   && rm -rf /tmp/* # buildkit',
        comment: 'buildkit.dockerfile.v0',
        layer: yarnLayer,
      },
      {
        createdBy: 'COPY docker-entrypoint.sh /usr/local/bin/ # buildkit',
        comment: 'buildkit.dockerfile.v0',
        layer: (fs) => put(fs, '/usr/local/bin/docker-entrypoint.sh', ENTRYPOINT, 0o755),
      },
      { createdBy: 'ENTRYPOINT ["docker-entrypoint.sh"]', comment: 'buildkit.dockerfile.v0' },
      { createdBy: 'CMD ["node"]', comment: 'buildkit.dockerfile.v0' },
    ],
    config: {
      Env: [PATH_ENV, `NODE_VERSION=${release.node}`, `YARN_VERSION=${YARN_VERSION}`],
      Entrypoint: ['docker-entrypoint.sh'],
      Cmd: ['node'],
    },
  };
}

export const node = nodeImage('node', { node: NODE_VERSION, npm: '10.9.2', stamped: false },
  ['node:22-alpine', 'node:22-alpine3.21', `node:${NODE_VERSION}-alpine`, 'node:22.14-alpine', 'node:lts-alpine',
    'node:alpine', 'node:22', 'node:lts', 'node:latest'],
  Date.UTC(2025, 1, 14, 19, 2, 11), false);

/** Node.js 20 (Iron), the last release of its line, with the npm it bundles. */
export const NODE20_VERSION = '20.20.2';
export const node20 = nodeImage('node20', { node: NODE20_VERSION, npm: '10.8.2', stamped: true },
  ['node:20-alpine', 'node:20-alpine3.21', `node:${NODE20_VERSION}-alpine`, 'node:20.20-alpine', 'node:iron-alpine', 'node:20', 'node:iron'],
  Date.UTC(2026, 2, 25, 18, 41, 7), true);
