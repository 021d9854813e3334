// The Engine API over a daemon: every route, in one router. The in-process
// transport (the browser's CLI and panels) calls handle() directly; the TCP
// server (http.node.ts, `npm run dockerd`) puts HTTP/1.1 around it.
import type { Daemon } from '../daemon/daemon.ts';
import { Router } from './router.ts';
import { buildRoutes } from './routes/build.ts';
import { containerRoutes } from './routes/containers.ts';
import { execRoutes } from './routes/exec.ts';
import { volumeNetworkRoutes } from './routes/volumes-networks.ts';
import { imageRoutes } from './routes/images.ts';
import { eventRoutes, systemRoutes } from './routes/system.ts';

export function engineRouter(d: Daemon): Router {
  const r = new Router();
  systemRoutes(r, d);
  eventRoutes(r, d);
  imageRoutes(r, d);
  buildRoutes(r, d);
  containerRoutes(r, d, new Set());
  execRoutes(r, d);
  volumeNetworkRoutes(r, d);
  return r;
}
