// Freezes a snapshot as the engine writes it today into a JSON fixture
// (blobs as base64), so that later versions can prove they still restore
// it. Run it BEFORE changing the snapshot format, or the built-in images,
// and commit its output beside the older fixtures:
//   npx tsx scripts/snapshot-fixture.ts sandbox/daemon/testing/snapshot-v<N>.json
// It drives the host's shell as a student would (the machine is the one a
// student leaves after a few lessons): workspace files (a symlink, a
// script), images built on busybox and on nginx (RUN, COPY, ENV, a cached
// rebuild), a retag and a removed built-in tag, a network, a volume
// written by a container, and containers exited, running, stopped by the
// user, running with a restart policy and running with --rm. It uses only
// sandbox/index.ts, which older trees have too.
import { writeFileSync } from 'node:fs';
import { createEngine, HostMachine, inProcessClient, MemoryFs, type Engine } from '../sandbox/index.ts';

const PROMPT = 'student@playground:~$ ';

/** The shell script the student types, one line at a time. */
export const FIXTURE_COMMANDS = [
  'mkdir -p app site && echo "print from v2" > app/msg.txt && printf "#!/bin/sh\\necho start\\n" > start.sh && chmod 755 start.sh && echo "<h1>site</h1>" > site/index.html && ln -s site/index.html index.html',
  'printf "FROM busybox\\nENV GREETING=hola\\nCOPY app/ /app/\\nRUN echo built > /built.txt && mkdir /data\\nCMD [\\"cat\\", \\"/app/msg.txt\\"]\\n" > Dockerfile',
  'docker build -q -t keep:v1 . && docker build -q -t keep:v1 . && docker tag keep:v1 keep:latest',
  'printf "FROM nginx:alpine\\nCOPY site/ /usr/share/nginx/html/\\n" > Dockerfile.web && docker build -q -f Dockerfile.web -t web:v1 .',
  'docker tag busybox mybox && docker rmi alpine && docker network create net1 && docker volume create data',
  'docker run --name once -v data:/data keep:v1 sh -c "cat /app/msg.txt; echo from-volume > /data/v.txt; echo upper > /upper.txt"',
  'docker run -d --name sleeper --network net1 --network-alias db keep:v1 sleep 1000 && docker run -d --name always --restart unless-stopped busybox sleep 1000 && docker run -d --name stopped --restart unless-stopped busybox sleep 1000 && docker stop -t 0 stopped && docker run -d --rm --name temp busybox sleep 1000',
];

/** A machine made by typing FIXTURE_COMMANDS at the host's shell. */
export async function fixtureMachine(): Promise<{ engine: Engine; screen: () => string }> {
  const fs = new MemoryFs();
  const engine = await createEngine({ hostFs: fs });
  const host = new HostMachine({ client: inProcessClient(engine), fs });
  const t = host.openTerminal();
  let screen = '';
  const dec = new TextDecoder();
  let wake: (() => void) | null = null;
  t.onOutput((d) => { screen += dec.decode(d, { stream: true }); wake?.(); });
  const waitFor = async (text: string, from: number): Promise<number> => {
    for (let i = 0; i < 100_000; i++) {
      const at = screen.indexOf(text, from);
      if (at >= 0) return at + text.length;
      await new Promise<void>((r) => { wake = r; });
    }
    throw new Error(`never saw ${text}`);
  };
  let at = await waitFor(PROMPT, 0);
  for (const line of FIXTURE_COMMANDS) {
    t.input(`${line}\r`);
    at = await waitFor(PROMPT, at);
  }
  return { engine, screen: () => screen };
}

const toBase64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

async function main(out: string): Promise<void> {
  const { engine, screen } = await fixtureMachine();
  const s = await engine.snapshot({ hostPath: '/home/student' });
  const blobs = Object.fromEntries([...s.blobs].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, toBase64(v)]));
  writeFileSync(out, `${JSON.stringify({ format: s.format, takenAt: s.takenAt, manifest: s.manifest, blobs }, null, 1)}\n`);
  process.stdout.write(`${screen()}\nwrote ${out}: format ${s.format}, ${s.blobs.size} blobs\n`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  main(process.argv[2] ?? 'snapshot.json').then(() => process.exit(0), (e: unknown) => { console.error(e); process.exit(1); });
}
