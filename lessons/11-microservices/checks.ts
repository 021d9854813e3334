// Lesson 11's checks, read from the engine through the Engine API: the db
// container from redis on the network contador with the named volume at
// /data, and redis answering (redis-cli ping through an exec); the api from
// contador-api on that network with REDIS_HOST naming db (Config.Env, and
// its log when it stopped: ECONNREFUSED 127.0.0.1 or ENOTFOUND), answering
// /api/salud from inside, and the visits counted in redis; web from
// contador-web published on 8080 with the whole chain answering through it
// (nginx → api → redis), and its access log; the Compose project contador
// (containers found by their com.docker.compose labels) with db healthy by
// its healthcheck, api waiting for service_healthy, web on 8080; and after
// docker compose down and up, a new db container that loaded the counter
// from the volume (its log) — the old one destroyed (its events).
import { check, defineChecks, fail, pass, type CheckContext } from '../kit/checks.ts';
import { missingContainer } from '../kit/hints.ts';
import { dockerCalls } from '../kit/commands.ts';
import { container, containerEvents, containers, envValue, execIn, logs, networksOf, portTaken, publishedPort, type ContainerInspect } from '../kit/reads.ts';

const NET = 'contador';
const PROJECT = 'contador';
const RUN_DB = `docker run -d --name db --network ${NET} -v contador-datos:/data redis:7-alpine`;
const RUN_API = `docker run -d --name api --network ${NET} -e REDIS_HOST=db contador-api`;
const RUN_WEB = `docker run -d --name web --network ${NET} -p 8080:80 contador-web`;
const ASK = `docker run --rm --network ${NET} busybox wget -qO- http://api:3000/api/visitas`;

type Inspect = ContainerInspect & {
  Config: ContainerInspect['Config'] & { Healthcheck?: { Test?: string[] } };
  State: ContainerInspect['State'] & { Health?: { Status: string } };
};

/**
 * Asks `probe` again (every 250 ms, for up to 3 s) until `ok` — a server
 * that has just started may not answer yet, as a learner who checks at
 * once would see — or until `gone()` says the container has stopped.
 */
async function settle<T>(probe: () => Promise<T>, ok: (v: T) => boolean, gone: () => Promise<boolean> = async () => false): Promise<T> {
  const end = Date.now() + 3000;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() >= end || (await gone())) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Whether the container has stopped (or is gone) since it was inspected. */
const stopped = (ctx: CheckContext, c: ContainerInspect) => async (): Promise<boolean> => !(await container(ctx, c.Id))?.State.Running;
const PONG = (r: { stdout: string }): boolean => /"redis":"PONG"/.test(r.stdout);

const LOCAL = new Set(['localhost', '127.0.0.1', '0.0.0.0', '::1']);
const logText = async (ctx: CheckContext, c: ContainerInspect): Promise<string> => (await logs(ctx, c.Id))?.all ?? '';
const lastLine = (text: string): string => text.trim().split('\n').pop() ?? '';

/** The containers of the Compose project, by service (the newest of each). */
async function composeServices(ctx: CheckContext): Promise<Map<string, Inspect>> {
  const out = new Map<string, Inspect>();
  for (const s of await containers(ctx, { all: true })) {
    const labels = s.Labels ?? {};
    if (labels['com.docker.compose.project'] !== PROJECT || labels['com.docker.compose.oneoff'] === 'True') continue;
    const service = labels['com.docker.compose.service'] ?? '';
    const seen = out.get(service);
    if (seen && Date.parse(seen.Created) > s.Created * 1000) continue;
    const c = await container(ctx, s.Id);
    if (c) out.set(service, c as Inspect);
  }
  return out;
}

/** Why the api stopped, from its log and config: the likely mistake. */
async function apiStopReason(ctx: CheckContext, c: ContainerInspect): Promise<'localhost' | 'defaultBridge' | 'unknownHost' | null> {
  const text = await logText(ctx, c);
  const host = envValue(c.Config.Env, 'REDIS_HOST');
  if (/ECONNREFUSED 127\.0\.0\.1/.test(text) || host === null || LOCAL.has(host)) return 'localhost';
  if (/ENOTFOUND/.test(text)) return networksOf(c).every((n) => n === 'bridge') ? 'defaultBridge' : 'unknownHost';
  return null;
}


export default defineChecks([
  check({
    id: 'db-ready',
    step: 'db',
    points: 15,
    title: { es: 'db: redis en la red contador, con sus datos en un volumen con nombre', en: 'db: redis on the network contador, its data in a named volume' },
    success: {
      es: 'redis contesta PONG desde db, en la red contador, y guarda sus datos en el volumen contador-datos: sobrevivirán al contenedor.',
      en: 'redis answers PONG in db, on the network contador, and keeps its data in the volume contador-datos: they will outlive the container.',
    },
    hints: {
      missing: missingContainer('db', RUN_DB),
      otherImage: {
        es: 'db es un contenedor de la imagen {image}, no de redis:7-alpine (¿uno que ya tenías?). Bórralo (docker rm -f db) y créalo: ' + RUN_DB,
        en: 'db is a container of the image {image}, not of redis:7-alpine (one you already had?). Remove it (docker rm -f db) and create it: ' + RUN_DB,
      },
      notRunning: {
        es: 'db no está en marcha (terminó con el código {code}). Mira docker logs db, bórralo (docker rm db) y vuelve a crearlo: ' + RUN_DB,
        en: 'db is not running (it exited with code {code}). Look at docker logs db, remove it (docker rm db) and create it again: ' + RUN_DB,
      },
      notOnNetwork: {
        es: 'db está en la red {networks}, no en contador. En la red bridge por defecto no hay DNS: la API nunca encontraría «db» por su nombre. Créala si hace falta (docker network create contador), borra db (docker rm -f db) y arráncalo con --network contador: ' + RUN_DB,
        en: 'db is on the network {networks}, not on contador. The default bridge network has no DNS: the API would never find "db" by name. Create the network if needed (docker network create contador), remove db (docker rm -f db) and start it with --network contador: ' + RUN_DB,
      },
      anonymousVolume: {
        es: 'El /data de db es un volumen anónimo ({name}), el que Docker crea por el VOLUME de la imagen: al borrar el contenedor nadie lo volverá a encontrar. Dale nombre con -v contador-datos:/data. Bórralo (docker rm -f db) y créalo: ' + RUN_DB,
        en: 'db\'s /data is an anonymous volume ({name}), the one Docker makes for the image\'s VOLUME: once the container is gone nobody will find it again. Name it with -v contador-datos:/data. Remove db (docker rm -f db) and create it: ' + RUN_DB,
      },
      otherVolume: {
        es: 'En /data de db está montado {what}, no el volumen contador-datos. Bórralo (docker rm -f db) y créalo con -v contador-datos:/data: ' + RUN_DB,
        en: 'db has {what} at /data, not the volume contador-datos. Remove it (docker rm -f db) and create it with -v contador-datos:/data: ' + RUN_DB,
      },
      noPong: {
        es: 'redis no contesta dentro de db (redis-cli ping dice: {out}). Mira docker logs db; si acaba de arrancar, espera un segundo y vuelve a comprobar.',
        en: 'redis does not answer inside db (redis-cli ping says: {out}). Look at docker logs db; if it has just started, wait a second and check again.',
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'db');
      if (!c) return fail('missing');
      if (!c.Config.Image.startsWith('redis')) return fail('otherImage', { image: c.Config.Image });
      if (!c.State.Running) return fail('notRunning', { code: c.State.ExitCode });
      const nets = networksOf(c);
      if (!nets.includes(NET)) return fail('notOnNetwork', { networks: nets.join(', ') || 'none' });
      const m = c.Mounts.find((x) => x.Destination === '/data');
      if (m?.Type === 'volume' && m.Name && /^[0-9a-f]{64}$/.test(m.Name)) return fail('anonymousVolume', { name: `${m.Name.slice(0, 12)}…` });
      if (!m || m.Type !== 'volume' || m.Name !== 'contador-datos') return fail('otherVolume', { what: m ? `${m.Type} ${m.Name ?? m.Source}` : '—' });
      const { stdout, stderr } = await settle(() => execIn(ctx, c, ['redis-cli', 'ping']), (r) => r.stdout.trim() === 'PONG', stopped(ctx, c));
      if (stdout.trim() !== 'PONG') return fail('noPong', { out: (stdout + stderr).trim() || '—' });
      return pass();
    },
  }),
  check({
    id: 'api-running',
    step: 'api',
    points: 20,
    title: { es: 'api: la API en la red contador, con REDIS_HOST=db', en: 'api: the API on the network contador, with REDIS_HOST=db' },
    success: {
      es: 'La API encuentra a redis por su nombre, db, en la red contador: /api/salud contesta {"redis":"PONG"}.',
      en: 'The API finds redis by its name, db, on the network contador: /api/salud answers {"redis":"PONG"}.',
    },
    hints: {
      missing: missingContainer('api', RUN_API),
      otherImage: {
        es: 'api es un contenedor de la imagen {image}, no de contador-api. Construye la imagen (docker build -t contador-api ./contador/api), borra api (docker rm -f api) y créalo: ' + RUN_API,
        en: 'api is a container of the image {image}, not of contador-api. Build the image (docker build -t contador-api ./contador/api), remove api (docker rm -f api) and create it: ' + RUN_API,
      },
      localhost: {
        es: 'api buscó redis en localhost y no lo encontró (su log: «{log}»). Dentro de un contenedor, localhost es el propio contenedor, y ahí no hay ningún redis: dile dónde está con -e REDIS_HOST=db. Bórralo (docker rm -f api) y créalo: ' + RUN_API,
        en: 'api looked for redis on localhost and did not find it (its log: "{log}"). Inside a container, localhost is the container itself, and there is no redis there: tell it where redis is with -e REDIS_HOST=db. Remove it (docker rm -f api) and create it: ' + RUN_API,
      },
      defaultBridge: {
        es: 'api no pudo resolver el nombre db (su log: «{log}»): está en la red bridge por defecto, donde Docker no resuelve nombres de contenedor. Bórralo (docker rm -f api) y créalo en la red contador: ' + RUN_API,
        en: 'api could not resolve the name db (its log: "{log}"): it is on the default bridge network, where Docker does not resolve container names. Remove it (docker rm -f api) and create it on the network contador: ' + RUN_API,
      },
      unknownHost: {
        es: 'api no encontró a redis por el nombre {host} (su log: «{log}»): en la red contador el contenedor de redis se llama db. Bórralo (docker rm -f api) y créalo con -e REDIS_HOST=db: ' + RUN_API,
        en: 'api could not find redis by the name {host} (its log: "{log}"): on the network contador the redis container is called db. Remove it (docker rm -f api) and create it with -e REDIS_HOST=db: ' + RUN_API,
      },
      notRunning: {
        es: 'api no está en marcha (terminó con el código {code}; su log acaba en «{log}»). Bórralo (docker rm api) y vuelve a crearlo: ' + RUN_API,
        en: 'api is not running (it exited with code {code}; its log ends with "{log}"). Remove it (docker rm api) and create it again: ' + RUN_API,
      },
      ipAddress: {
        es: 'REDIS_HOST es una dirección IP ({host}): funciona hoy, pero la IP de db cambia cada vez que se recrea el contenedor. Usa su nombre: borra api (docker rm -f api) y créalo con -e REDIS_HOST=db: ' + RUN_API,
        en: 'REDIS_HOST is an IP address ({host}): it works today, but db\'s IP changes each time the container is recreated. Use its name: remove api (docker rm -f api) and create it with -e REDIS_HOST=db: ' + RUN_API,
      },
      noAnswer: {
        es: 'api está en marcha pero /api/salud no devuelve el PONG de redis (contesta: {out}). ¿Sigue en marcha db? Mira docker logs api.',
        en: 'api is running but /api/salud does not return redis\'s PONG (it answers: {out}). Is db still running? Look at docker logs api.',
      },
    },
    async run(ctx) {
      let c = await container(ctx, 'api');
      if (!c) return fail('missing');
      if (!c.Config.Image.startsWith('contador-api')) return fail('otherImage', { image: c.Config.Image });
      const host = envValue(c.Config.Env, 'REDIS_HOST');
      if (host !== null && /^\d+\.\d+\.\d+\.\d+$/.test(host)) return fail('ipAddress', { host });
      // Running: it may still be starting (and about to stop, if it cannot reach redis).
      const answer = c.State.Running ? await settle(() => execIn(ctx, c!, ['wget', '-qO-', 'http://127.0.0.1:3000/api/salud']), PONG, stopped(ctx, c)) : null;
      if (answer && PONG(answer)) return pass();
      c = (await container(ctx, c.Id)) ?? c;
      if (!c.State.Running) {
        const log = lastLine(await logText(ctx, c));
        const why = await apiStopReason(ctx, c);
        if (why) return fail(why, { log, host: host ?? '' });
        return fail('notRunning', { code: c.State.ExitCode, log });
      }
      return fail('noAnswer', { out: answer ? (answer.stdout + answer.stderr).trim() || '—' : '—' });
    },
  }),
  check({
    id: 'visits-counted',
    step: 'api',
    points: 10,
    title: { es: 'Visitas contadas en redis a través de la API', en: 'Visits counted in redis through the API' },
    success: {
      es: 'Un cliente en la red contador pidió visitas a api:3000 y la API las sumó en redis, en la clave visitas.',
      en: 'A client on the network contador asked api:3000 for visits and the API added them up in redis, in the key visitas.',
    },
    hints: {
      noDb: missingContainer('db', RUN_DB),
      clientOnBridge: {
        es: 'Tu cliente (docker run … wget http://api:3000/…) corrió sin --network, en la red bridge por defecto: allí nadie resuelve el nombre api («bad address»). Lánzalo en la red contador: ' + ASK,
        en: 'Your client (docker run … wget http://api:3000/…) ran without --network, on the default bridge network: nobody resolves the name api there ("bad address"). Run it on the network contador: ' + ASK,
      },
      notAsked: {
        es: 'En redis no hay visitas todavía (la clave visitas no existe). Pídeselas a la API desde un contenedor en su red: ' + ASK,
        en: 'There are no visits in redis yet (the key visitas does not exist). Ask the API for them from a container on its network: ' + ASK,
      },
    },
    async run(ctx) {
      const db = await container(ctx, 'db');
      if (!db || !db.State.Running) return fail('noDb');
      const n = Number((await execIn(ctx, db, ['redis-cli', 'get', 'visitas'])).stdout.trim());
      if (Number.isInteger(n) && n >= 1) return pass();
      const clients = dockerCalls(ctx.commands).filter((c) => c.verb === 'run' && c.rest.some((a) => a.includes('api:3000')));
      if (clients.length > 0 && clients.every((c) => !c.rest.some((a) => a === '--network' || a === '--net' || a.startsWith('--network=') || a.startsWith('--net=')))) return fail('clientOnBridge');
      return fail('notAsked');
    },
  }),
  check({
    id: 'web-serves',
    step: 'web',
    points: 20,
    title: { es: 'web: nginx en el 8080, pasando /api/ a la API', en: 'web: nginx on 8080, passing /api/ to the API' },
    success: {
      es: 'La cadena entera funciona: el puerto 8080 → nginx en web → api:3000 → db:6379. Solo web está publicado; api y db quedan dentro de la red.',
      en: 'The whole chain works: port 8080 → nginx in web → api:3000 → db:6379. Only web is published; api and db stay inside the network.',
    },
    hints: {
      missing: missingContainer('web', RUN_WEB),
      otherImage: {
        es: 'web es un contenedor de la imagen {image}, no de contador-web (¿el de la lección 2?). Bórralo (docker rm -f web), construye la imagen (docker build -t contador-web ./contador/web) y créalo: ' + RUN_WEB,
        en: 'web is a container of the image {image}, not of contador-web (the one from lesson 2?). Remove it (docker rm -f web), build the image (docker build -t contador-web ./contador/web) and create it: ' + RUN_WEB,
      },
      upstreamNotFound: {
        es: 'nginx no arrancó: «{log}». nginx busca la dirección de api al arrancar, así que web tiene que estar en la red contador y api tiene que existir antes. Comprueba que api está en marcha, borra web (docker rm web) y créalo: ' + RUN_WEB,
        en: 'nginx did not start: "{log}". nginx looks up api\'s address when it starts, so web must be on the network contador and api must exist first. Check that api is running, remove web (docker rm web) and create it: ' + RUN_WEB,
      },
      portTaken: {
        es: 'web no pudo arrancar: el puerto 8080 de tu máquina ya lo usa otro contenedor (mira docker ps). Páralo o bórralo, borra web (docker rm web) y vuelve a crearlo: ' + RUN_WEB,
        en: 'web could not start: your machine\'s port 8080 is taken by another container (see docker ps). Stop or remove it, remove web (docker rm web) and create it again: ' + RUN_WEB,
      },
      notRunning: {
        es: 'web no está en marcha (terminó con el código {code}; su log acaba en «{log}»). Bórralo (docker rm web) y vuelve a crearlo: ' + RUN_WEB,
        en: 'web is not running (it exited with code {code}; its log ends with "{log}"). Remove it (docker rm web) and create it again: ' + RUN_WEB,
      },
      notPublished: {
        es: 'El puerto 80 de web no está publicado: ni tu navegador ni la vista previa pueden llegar a nginx. Bórralo (docker rm -f web) y créalo con -p 8080:80: ' + RUN_WEB,
        en: 'web\'s port 80 is not published: neither your browser nor the preview can reach nginx. Remove it (docker rm -f web) and create it with -p 8080:80: ' + RUN_WEB,
      },
      otherPort: {
        es: 'El puerto 80 de web está publicado en el {port} de tu máquina, no en el 8080. Bórralo (docker rm -f web) y créalo con -p 8080:80: ' + RUN_WEB,
        en: 'web\'s port 80 is published on your machine\'s {port}, not on 8080. Remove it (docker rm -f web) and create it with -p 8080:80: ' + RUN_WEB,
      },
      badGateway: {
        es: 'nginx contesta, pero /api/salud no llega a redis ({out}). Un 502 quiere decir que nginx no alcanza a api: ¿sigue en marcha? Mira docker logs web y docker logs api.',
        en: 'nginx answers, but /api/salud does not reach redis ({out}). A 502 means nginx cannot reach api: is it still running? Look at docker logs web and docker logs api.',
      },
      notVisited: {
        es: 'Todo está en marcha, pero nadie ha pedido visitas a través de nginx. Abre la vista previa en el puerto 8080 (o ejecuta curl -s localhost:8080/api/visitas).',
        en: 'Everything is running, but nobody has asked for visits through nginx. Open the preview on port 8080 (or run curl -s localhost:8080/api/visitas).',
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'web');
      if (!c) return fail('missing');
      if (!c.Config.Image.startsWith('contador-web')) return fail('otherImage', { image: c.Config.Image });
      const port = publishedPort(c, '80/tcp');
      if (port === null) return fail('notPublished');
      if (port !== '8080') return fail('otherPort', { port });
      const answer = c.State.Running ? await settle(() => execIn(ctx, c, ['wget', '-qO-', 'http://127.0.0.1/api/salud']), PONG, stopped(ctx, c)) : null;
      const now = (await container(ctx, c.Id)) ?? c;
      const text = await logText(ctx, now);
      if (!now.State.Running) {
        const emerg = /\[emerg\] (.*host not found in upstream.*)/.exec(text);
        if (emerg) return fail('upstreamNotFound', { log: emerg[1]! });
        if (portTaken(now)) return fail('portTaken');
        return fail('notRunning', { code: now.State.ExitCode, log: lastLine(text) });
      }
      if (!answer || !PONG(answer)) return fail('badGateway', { out: answer ? (answer.stdout + answer.stderr).trim() || '—' : '—' });
      if (!/"GET \/api\/visitas HTTP\/1\.[01]" 200 /.test(text)) return fail('notVisited');
      return pass();
    },
  }),
  check({
    id: 'compose-up',
    step: 'compose',
    points: 20,
    title: { es: 'El proyecto contador de Compose en marcha: db sana, api y web', en: 'The Compose project contador running: db healthy, api and web' },
    success: {
      es: 'Compose levantó los tres servicios en orden: db pasó su healthcheck (healthy) antes de que arrancara api, y web sirve en el 8080. Sus nombres de servicio son sus nombres en la red contador_default.',
      en: 'Compose started the three services in order: db passed its healthcheck (healthy) before api started, and web serves on 8080. Their service names are their names on the network contador_default.',
    },
    hints: {
      notUp: {
        es: 'No hay ningún contenedor del proyecto contador. Crea contador/compose.yaml con el contenido de la lección y, desde la carpeta contador, ejecuta docker compose up -d.',
        en: 'There is no container of the project contador. Create contador/compose.yaml with the lesson\'s content and, from the folder contador, run docker compose up -d.',
      },
      missingService: {
        es: 'El proyecto contador no tiene el servicio {service}. Comprueba que compose.yaml define db, api y web (con la sangría de la lección) y vuelve a ejecutar docker compose up -d.',
        en: 'The project contador has no service {service}. Check that compose.yaml defines db, api and web (indented as in the lesson) and run docker compose up -d again.',
      },
      noHealthcheck: {
        es: 'db no tiene healthcheck, y api espera a que db esté sana (condition: service_healthy): sin prueba de salud nunca lo estará, y Compose no arranca api. Añade a db el healthcheck de la lección (test: ["CMD", "redis-cli", "ping"]…) y ejecuta docker compose up -d.',
        en: 'db has no healthcheck, and api waits for db to be healthy (condition: service_healthy): without a health test it never will be, and Compose does not start api. Add the lesson\'s healthcheck to db (test: ["CMD", "redis-cli", "ping"]…) and run docker compose up -d.',
      },
      notHealthy: {
        es: 'db está en marcha pero su estado de salud es «{status}», no healthy. Mira su healthcheck en compose.yaml (test: ["CMD", "redis-cli", "ping"]) y docker inspect contador-db-1.',
        en: 'db is running but its health is "{status}", not healthy. Look at its healthcheck in compose.yaml (test: ["CMD", "redis-cli", "ping"]) and at docker inspect contador-db-1.',
      },
      startedOnly: {
        es: 'api depende de db solo para arrancar después ({depends}): Compose no espera a que redis conteste, y una API que arranca antes que su base de datos falla. Usa depends_on: db: condition: service_healthy, como en la lección, y ejecuta docker compose up -d.',
        en: 'api depends on db only to start after it ({depends}): Compose does not wait for redis to answer, and an API that starts before its database fails. Use depends_on: db: condition: service_healthy, as in the lesson, and run docker compose up -d.',
      },
      localhost: {
        es: 'api terminó sin encontrar a redis («{log}»): buscó en localhost, que dentro de su contenedor es ella misma. Dale environment: REDIS_HOST: db en compose.yaml y ejecuta docker compose up -d.',
        en: 'api exited without finding redis ("{log}"): it looked on localhost, which inside its container is itself. Give it environment: REDIS_HOST: db in compose.yaml and run docker compose up -d.',
      },
      portTaken: {
        es: 'El servicio web no pudo arrancar: el puerto 8080 lo sigue usando otro contenedor, seguramente el web de la primera parte. Bórralo (docker rm -f web api db) y ejecuta docker compose up -d.',
        en: 'The service web could not start: port 8080 is still used by another container, most likely the web from the first part. Remove it (docker rm -f web api db) and run docker compose up -d.',
      },
      notRunning: {
        es: 'El servicio {service} no está en marcha (estado {status}, código {code}). Mira docker compose logs {service} y vuelve a ejecutar docker compose up -d.',
        en: 'The service {service} is not running (status {status}, code {code}). Look at docker compose logs {service} and run docker compose up -d again.',
      },
      notPublished: {
        es: 'web no publica su puerto 80 en el 8080 de tu máquina. Añade a web ports: - "8080:80" y ejecuta docker compose up -d.',
        en: 'web does not publish its port 80 on your machine\'s 8080. Add ports: - "8080:80" to web and run docker compose up -d.',
      },
      badGateway: {
        es: 'Los servicios están en marcha, pero /api/salud no llega a redis a través de web ({out}). Mira docker compose logs.',
        en: 'The services are running, but /api/salud does not reach redis through web ({out}). Look at docker compose logs.',
      },
    },
    async run(ctx) {
      const svc = await composeServices(ctx);
      if (svc.size === 0) return fail('notUp');
      for (const name of ['db', 'api', 'web']) if (!svc.has(name)) return fail('missingService', { service: name });
      const db = svc.get('db')!;
      const api = svc.get('api')!;
      const web = svc.get('web')!;
      const down = (name: string, c: ContainerInspect) => fail('notRunning', { service: name, status: c.State.Status, code: c.State.ExitCode });
      if (!db.State.Running) return down('db', db);
      if (!db.Config.Healthcheck?.Test?.length || db.Config.Healthcheck.Test[0] === 'NONE') return fail('noHealthcheck');
      const depends = api.Config.Labels?.['com.docker.compose.depends_on'] ?? '';
      if (!/(^|,)db:service_healthy:/.test(depends)) return fail('startedOnly', { depends: depends || '—' });
      if (db.State.Health?.Status !== 'healthy') return fail('notHealthy', { status: db.State.Health?.Status ?? 'none' });
      if (!api.State.Running) {
        if ((await apiStopReason(ctx, api)) === 'localhost') return fail('localhost', { log: lastLine(await logText(ctx, api)) });
        return down('api', api);
      }
      if (!web.State.Running) return portTaken(web) ? fail('portTaken') : down('web', web);
      if (publishedPort(web, '80/tcp') !== '8080') return fail('notPublished');
      const { stdout, stderr } = await settle(() => execIn(ctx, web, ['wget', '-qO-', 'http://127.0.0.1/api/salud']), PONG, stopped(ctx, web));
      if (!PONG({ stdout })) return fail('badGateway', { out: (stdout + stderr).trim() || '—' });
      return pass();
    },
  }),
  check({
    id: 'data-kept',
    step: 'down-up',
    points: 15,
    title: { es: 'Las visitas sobreviven a docker compose down y up', en: 'The visits survive docker compose down and up' },
    success: {
      es: 'down borró los contenedores y la red, pero no el volumen: el nuevo contador-db-1 cargó las visitas de /data al arrancar, y el contador sigue por donde iba.',
      en: 'down removed the containers and the network, but not the volume: the new contador-db-1 loaded the visits from /data when it started, and the counter carries on.',
    },
    hints: {
      notUp: {
        es: 'El servicio db del proyecto contador no está en marcha. Desde la carpeta contador, ejecuta docker compose up -d.',
        en: 'The service db of the project contador is not running. From the folder contador, run docker compose up -d.',
      },
      notDown: {
        es: 'El contenedor de db sigue siendo el mismo: no lo has borrado y recreado. Ejecuta docker compose down y después docker compose up -d (restart o stop/start reutilizan el mismo contenedor).',
        en: 'db\'s container is still the same one: you have not removed and recreated it. Run docker compose down and then docker compose up -d (restart or stop/start reuse the same container).',
      },
      volumesRemoved: {
        es: 'El nuevo db arrancó sin datos: docker compose down -v borró también el volumen contador_datos, y con él las visitas. Cuenta unas visitas (curl -s localhost:8080/api/visitas) y repite con docker compose down, sin -v, y docker compose up -d.',
        en: 'The new db started with no data: docker compose down -v also removed the volume contador_datos, and the visits with it. Count a few visits (curl -s localhost:8080/api/visitas) and do it again with docker compose down, without -v, and docker compose up -d.',
      },
      noData: {
        es: 'El nuevo db no encontró nada que cargar: no había visitas cuando hiciste down. Cuenta unas visitas (curl -s localhost:8080/api/visitas) y repite docker compose down y docker compose up -d.',
        en: 'The new db found nothing to load: there were no visits when you ran down. Count a few visits (curl -s localhost:8080/api/visitas) and run docker compose down and docker compose up -d again.',
      },
    },
    async run(ctx) {
      const db = (await composeServices(ctx)).get('db');
      if (!db || !db.State.Running) return fail('notUp');
      const name = db.Name.replace(/^\//, '');
      const created = Date.parse(db.Created);
      const destroyed = (await containerEvents(ctx, name)).some((e) => e.Action === 'destroy' && e.Actor.ID !== db.Id && e.timeNano / 1e6 <= created + 1);
      if (!destroyed) return fail('notDown');
      const keys = /Done loading RDB, keys loaded: (\d+)/.exec(await logText(ctx, db));
      if (keys && Number(keys[1]) > 0) return pass();
      const downV = dockerCalls(ctx.commands).some((c) => c.verb === 'compose' && c.rest.includes('down') && c.rest.some((a) => a === '-v' || a === '--volumes'));
      return fail(downV ? 'volumesRemoved' : 'noData');
    },
  }),
]);
