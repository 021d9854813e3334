// `npm run dockerd -- --host 127.0.0.1 --port 2375` (or `--unix PATH`):
// the playground's engine serving the Docker Engine API, so the stock docker
// CLI drives it (DOCKER_HOST=tcp://127.0.0.1:2375 DOCKER_BUILDKIT=0).
import { Daemon } from '../sandbox/daemon/daemon.ts';
import { installNodeGuestWorkers } from '../sandbox/programs/node/workers.node.ts';
import { installNodePackageStore } from '../sandbox/programs/npm/store.node.ts';
import { serveEngine } from '../sandbox/server/http.node.ts';
import { engineRouter } from '../sandbox/server/index.ts';
import { exposePublishedPorts } from '../sandbox/server/host-ports.node.ts';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i !== -1) return process.argv[i + 1];
  const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

const unix = option('unix');
const host = option('host') ?? '127.0.0.1';
const port = Number(option('port') ?? 2375);
if (!unix && (!Number.isInteger(port) || port < 0 || port > 65535)) {
  console.error(`dockerd: invalid --port ${option('port')}: a number from 0 to 65535`);
  process.exit(2);
}
// Prewarmed: the built-ins snapshot is taken now, so the first `node` in a container starts warm.
installNodeGuestWorkers({ prewarm: true });
installNodePackageStore();
const daemon = await Daemon.create();
const engine = await serveEngine(engineRouter(daemon), unix ? { path: unix } : { host, port });
exposePublishedPorts(daemon, unix ? '127.0.0.1' : host, (m) => console.error(`dockerd: ${m}`));
const address = engine.server.address();
console.log(unix ? `listening on unix://${unix}` : `listening on tcp://${host}:${typeof address === 'object' && address ? address.port : port}`);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => { void engine.close().then(() => process.exit(0)); });
