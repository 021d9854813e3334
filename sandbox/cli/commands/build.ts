// docker build (the classic builder, as DOCKER_BUILDKIT=0 docker build):
// prepares the context as the docker CLI does (build-context.ts: the
// workspace directory minus what .dockerignore excludes, a Dockerfile from
// elsewhere or from stdin added to it, or a context from stdin), sends it
// with the tags, build args, labels, target and Dockerfile name, and prints
// the engine's progress as it streams; a failed step exits 1 with its message.
import { prepareBuildContext } from '../build-context.ts';
import type { Command } from '../command.ts';
import { keyValues } from '../flags.ts';
import { readAllStdin } from '../io.ts';
import { humanSize } from '../table.ts';

export const build: Command = {
  spec: {
    name: 'build', usage: 'build [OPTIONS] PATH | URL | -', description: 'Build an image from a Dockerfile', minArgs: 1, maxArgs: 1,
    flags: [
      { name: 'build-arg', type: 'list', description: 'Set build-time variables' },
      { name: 'file', short: 'f', type: 'string', description: 'Name of the Dockerfile (Default is "PATH/Dockerfile")' },
      { name: 'label', type: 'list', description: 'Set metadata for an image' },
      { name: 'no-cache', type: 'bool', description: 'Do not use cache when building the image' },
      { name: 'pull', type: 'bool', description: 'Always attempt to pull a newer version of the image' },
      { name: 'quiet', short: 'q', type: 'bool', description: 'Suppress the build output and print image ID on success' },
      { name: 'rm', type: 'bool', description: 'Remove intermediate containers after a successful build', default: 'true' },
      { name: 'tag', short: 't', type: 'list', description: 'Name and optionally a tag in the "name:tag" format' },
      { name: 'target', type: 'string', description: 'Set the target build stage to build.' },
      { name: 'platform', type: 'string', description: 'Set platform if server is multi-platform capable' },
    ],
  },
  async run({ client, io, flags, now }) {
    const { tar, dockerfile } = await prepareBuildContext({
      ...(io.files && { files: io.files }), cwd: io.cwd ?? '/', context: flags.args[0]!, file: flags.strings.get('file') ?? '',
      readStdin: () => readAllStdin(io), now,
    });
    const quiet = flags.bools.get('quiet') ?? false;
    // The upload's last progress line: its size as `%8v`, right-aligned in 8 columns.
    if (!quiet) io.stdout(`Sending build context to Docker daemon ${humanSize(tar.length, 4).padStart(8)}\r\r\n`);
    const buildArgs = keyValues(flags.lists.get('build-arg'), null);
    const labels = keyValues(flags.lists.get('label'), '');
    const r = await client.request('POST', '/build', {
      query: {
        t: flags.lists.get('tag') ?? [], ...(dockerfile && { dockerfile }), buildargs: JSON.stringify(buildArgs), labels: JSON.stringify(labels),
        nocache: flags.bools.get('no-cache') ?? false, q: quiet, rm: true, ...(flags.strings.get('target') && { target: flags.strings.get('target') }),
      },
      body: tar, headers: { 'Content-Type': 'application/x-tar' },
    });
    let failed: string | null = null;
    for await (const msg of r.jsonLines<{ stream?: string; error?: string; errorDetail?: { message: string } }>()) {
      if (msg.errorDetail || msg.error) failed = msg.errorDetail?.message ?? msg.error ?? '';
      else if (msg.stream !== undefined) io.stdout(msg.stream);
    }
    if (failed !== null) {
      io.stderr(`${failed}\n`);
      return 1;
    }
    return 0;
  },
};
