// Lesson 10's checks, read from the engine: the frases container (from the
// image frases, which EXPOSEs 3000) with 3000/tcp published on the host's
// 5000 (HostConfig.PortBindings), and a request that came through it (its
// log names the bridge's gateway as the client); the user-defined network
// frases-red (GET /networks), frases attached to it and the client lector
// on it, exited 0 with frases' answer in its logs (frases' hostname in the
// JSON); portada on frases-red, published on 8070, with API_URL naming
// frases by name and its container port (Config.Env), and frases' log
// showing a request from portada's address on that network.
import { check, defineChecks, fail, pass, type CheckContext } from '../kit/checks.ts';
import { container, demux, envValue, image, logs, network, networksOf, portTaken, publishedPort, type ContainerInspect } from '../kit/reads.ts';

const NET = 'frases-red';
const RUN_FRASES = 'docker run -d --name frases -p 5000:3000 frases';
const RUN_LECTOR = `docker run --name lector --network ${NET} busybox wget -qO- http://frases:3000/`;
const RUN_PORTADA = `docker run -d --name portada --network ${NET} -p 8070:8080 -e API_URL=http://frases:3000 portada`;


type Config = ContainerInspect['Config'] & { Hostname?: string };
const hostnameOf = (c: ContainerInspect): string => (c.Config as Config).Hostname ?? c.Id.slice(0, 12);
/** The address of `c` on `net` ('' when it is not there). */
const addressOn = (c: ContainerInspect, net: string): string => c.NetworkSettings.Networks?.[net]?.IPAddress ?? '';
/**
 * The requests frases logged (`GET / desde 172.17.0.1`): the client's
 * address and when (`docker logs -t frases`), oldest first.
 */
async function fraseRequests(ctx: CheckContext): Promise<Array<{ from: string; at: number }>> {
  const c = await container(ctx, 'frases');
  if (!c) return [];
  const res = await ctx.client.request('GET', `/containers/${c.Id}/logs`, { query: { stdout: true, timestamps: true } });
  const text = c.Config.Tty ? new TextDecoder().decode(await res.bytes()) : demux(await res.bytes()).stdout;
  return [...text.matchAll(/^(\S+) GET \S* desde (\S+)$/gm)].map((m) => ({ from: m[2]!, at: Date.parse(m[1]!) }));
}

/** Host and port of an http URL ('' and '80' when missing); null when it is no URL. */
function hostPort(url: string): { host: string; port: string } | null {
  const m = /^https?:\/\/([^/:?#]*)(?::(\d+))?/.exec(url.trim());
  return m ? { host: m[1]!, port: m[2] ?? '80' } : null;
}
const LOCAL = new Set(['localhost', '127.0.0.1', '0.0.0.0', '::1']);

/**
 * How `-p` was given for `port` ("3000/tcp"): right, missing, reversed
 * (`-p 3000:5000`), another container port, or another host port.
 */
function publishOutcome(c: ContainerInspect, port: string, host: string): { hint: 'notPublished' | 'reversed' | 'wrongContainerPort' | 'otherHostPort'; vars?: Record<string, string> } | null {
  const bindings = Object.entries(c.HostConfig.PortBindings ?? {}).filter(([, b]) => b && b.length > 0);
  if (bindings.length === 0) return { hint: 'notPublished' };
  const published = publishedPort(c, port);
  if (published === null) {
    const [other, b] = bindings[0]!;
    const containerPort = other.replace(/\/tcp$/, '');
    if (b![0]?.HostPort === port.replace(/\/tcp$/, '')) return { hint: 'reversed', vars: { host: b![0]!.HostPort!, container: containerPort } };
    return { hint: 'wrongContainerPort', vars: { port: containerPort } };
  }
  return published === host ? null : { hint: 'otherHostPort', vars: { port: published || '(random)' } };
}

export default defineChecks([
  check({
    id: 'frases-published',
    step: 'publish',
    points: 15,
    title: { es: '«frases» en marcha, con su puerto 3000 publicado en el 5000', en: '"frases" running, its port 3000 published on 5000' },
    success: { es: 'Lo que llega al puerto 5000 de tu máquina va al 3000 de frases: -p HOST:CONTENEDOR.', en: 'What reaches your machine\'s port 5000 goes to frases\' 3000: -p HOST:CONTAINER.' },
    hints: {
      noImage: {
        es: 'Aún no existe la imagen frases. Constrúyela desde la carpeta frases/: docker build -t frases ./frases',
        en: 'There is no frases image yet. Build it from the frases/ folder: docker build -t frases ./frases',
      },
      missing: {
        es: `No hay ningún contenedor llamado frases. Créalo con: ${RUN_FRASES}`,
        en: `There is no container called frases. Create it with: ${RUN_FRASES}`,
      },
      wrongImage: {
        es: `frases no se creó a partir de la imagen frases (sino de {image}). Bórralo (docker rm -f frases) y créalo con: ${RUN_FRASES}`,
        en: `frases was not created from the frases image (but from {image}). Remove it (docker rm -f frases) and create it with: ${RUN_FRASES}`,
      },
      portTaken: {
        es: 'Docker no pudo arrancar frases: {error}. Otro contenedor ya publica ese puerto de tu máquina (míralo en docker ps): páralo, o borra frases (docker rm frases) y usa otro puerto a la izquierda de -p.',
        en: 'Docker could not start frases: {error}. Another container already publishes that port of your machine (see docker ps): stop it, or remove frases (docker rm frases) and use another port on the left of -p.',
      },
      notRunning: {
        es: `frases está parado (Exited ({code})). Mira por qué con docker logs frases; después bórralo (docker rm frases) y vuelve a crearlo: ${RUN_FRASES}`,
        en: `frases is stopped (Exited ({code})). See why with docker logs frases; then remove it (docker rm frases) and create it again: ${RUN_FRASES}`,
      },
      notPublished: {
        es: 'frases está en marcha pero no publica ningún puerto: EXPOSE 3000 solo lo documenta. Bórralo (docker rm -f frases) y créalo con -p 5000:3000.',
        en: 'frases is running but publishes no port: EXPOSE 3000 only documents it. Remove it (docker rm -f frases) and create it with -p 5000:3000.',
      },
      reversed: {
        es: 'Has publicado al revés: -p {container}:{host} lleva el puerto {container} de tu máquina al {host} del contenedor, y server.js escucha en el 3000. Es -p HOST:CONTENEDOR: bórralo (docker rm -f frases) y usa -p 5000:3000.',
        en: 'You published it the wrong way round: -p {container}:{host} takes your machine\'s port {container} to the container\'s {host}, and server.js listens on 3000. It is -p HOST:CONTAINER: remove it (docker rm -f frases) and use -p 5000:3000.',
      },
      wrongContainerPort: {
        es: 'frases publica el puerto {port} del contenedor, pero server.js escucha en el 3000 (lo dice su EXPOSE). El número de la derecha de -p es el de la aplicación: bórralo (docker rm -f frases) y usa -p 5000:3000.',
        en: 'frases publishes the container\'s port {port}, but server.js listens on 3000 (its EXPOSE says so). The number on the right of -p is the app\'s: remove it (docker rm -f frases) and use -p 5000:3000.',
      },
      otherHostPort: {
        es: 'El puerto 3000 de frases está publicado en el {port} de tu máquina, y esta lección usa el 5000. Bórralo (docker rm -f frases) y créalo con -p 5000:3000.',
        en: 'frases\' port 3000 is published on your machine\'s {port}, and this lesson uses 5000. Remove it (docker rm -f frases) and create it with -p 5000:3000.',
      },
    },
    async run(ctx) {
      const img = await image(ctx, 'frases');
      if (!img) return fail('noImage');
      const c = await container(ctx, 'frases');
      if (!c) return fail('missing');
      if (c.Image !== img.Id) return fail('wrongImage', { image: c.Config.Image });
      if (!c.State.Running) return portTaken(c) ? fail('portTaken', { error: c.State.Error }) : fail('notRunning', { code: c.State.ExitCode });
      const wrong = publishOutcome(c, '3000/tcp', '5000');
      return wrong ? fail(wrong.hint, wrong.vars) : pass();
    },
  }),
  check({
    id: 'frases-visited',
    step: 'publish',
    points: 5,
    title: { es: 'frases ha respondido a una petición llegada por el puerto publicado', en: 'frases has answered a request that came through the published port' },
    success: { es: 'La petición entró por el puerto 5000 de tu máquina y Docker la llevó a frases desde la puerta de enlace de bridge.', en: 'The request came in through your machine\'s port 5000 and Docker took it to frases from bridge\'s gateway.' },
    hints: {
      missing: {
        es: `No hay ningún contenedor llamado frases. Créalo con: ${RUN_FRASES}`,
        en: `There is no container called frases. Create it with: ${RUN_FRASES}`,
      },
      notVisited: {
        es: 'frases aún no ha recibido ninguna petición desde fuera. Abre la pestaña Vista previa en el puerto 5000 (o pulsa Recargar) y mira docker logs frases.',
        en: 'frases has not received any request from outside yet. Open the Preview tab on port 5000 (or press Reload) and look at docker logs frases.',
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'frases');
      if (!c) return fail('missing');
      // Through a published port, the client is the gateway of the network the port is on (bridge).
      const gateways = new Set(Object.values(c.NetworkSettings.Networks ?? {}).map((n) => (n as { Gateway?: string }).Gateway ?? '').filter(Boolean));
      return (await fraseRequests(ctx)).some((r) => gateways.has(r.from)) ? pass() : fail('notVisited');
    },
  }),
  check({
    id: 'red-created',
    step: 'by-name',
    points: 5,
    title: { es: 'Una red tuya, frases-red, con frases conectado', en: 'A network of your own, frases-red, with frases attached' },
    success: { es: 'frases está en frases-red: ahí, el DNS de Docker responde a su nombre.', en: 'frases is on frases-red: there, Docker\'s DNS answers to its name.' },
    hints: {
      noNetwork: {
        es: `No existe la red ${NET}. Créala con docker network create ${NET}.`,
        en: `There is no ${NET} network. Create it with docker network create ${NET}.`,
      },
      notBridge: {
        es: `${NET} usa el driver {driver}; para contenedores en una misma máquina hace falta bridge (el de por defecto). Bórrala (docker network rm ${NET}) y créala sin -d: docker network create ${NET}`,
        en: `${NET} uses the {driver} driver; containers on one machine need bridge (the default). Remove it (docker network rm ${NET}) and create it without -d: docker network create ${NET}`,
      },
      missing: {
        es: `No hay ningún contenedor llamado frases. Créalo con: ${RUN_FRASES}`,
        en: `There is no container called frases. Create it with: ${RUN_FRASES}`,
      },
      notConnected: {
        es: `frases no está conectado a ${NET} (solo a {networks}), así que en esa red nadie conoce su nombre. Conéctalo: docker network connect ${NET} frases`,
        en: `frases is not attached to ${NET} (only to {networks}), so nobody on that network knows its name. Attach it: docker network connect ${NET} frases`,
      },
    },
    async run(ctx) {
      const net = await network(ctx, NET);
      if (!net) return fail('noNetwork');
      if (net.Driver !== 'bridge') return fail('notBridge', { driver: net.Driver });
      const c = await container(ctx, 'frases');
      if (!c) return fail('missing');
      return networksOf(c).includes(NET) ? pass() : fail('notConnected', { networks: networksOf(c).join(', ') });
    },
  }),
  check({
    id: 'lector-fetched',
    step: 'by-name',
    points: 20,
    title: { es: '«lector» pidió una frase a frases por su nombre', en: '"lector" asked frases for a phrase by its name' },
    success: {
      es: 'lector encontró a frases por su nombre en frases-red y le habló en su puerto de contenedor, el 3000: el JSON de sus logs lleva el hostname de frases.',
      en: 'lector found frases by its name on frases-red and talked to it on its container port, 3000: the JSON in its logs carries frases\' hostname.',
    },
    hints: {
      missing: {
        es: `No hay ningún contenedor llamado lector. Créalo con: ${RUN_LECTOR}`,
        en: `There is no container called lector. Create it with: ${RUN_LECTOR}`,
      },
      noFrases: {
        es: `No hay ningún contenedor llamado frases a quien preguntar. Vuelve al primer paso: ${RUN_FRASES}`,
        en: `There is no container called frases to ask. Go back to the first step: ${RUN_FRASES}`,
      },
      notOnNetwork: {
        es: `lector está en {networks}, no en ${NET}: en la red bridge por defecto Docker no resuelve nombres (bad address 'frases'). Bórralo (docker rm lector) y créalo con --network ${NET}: ${RUN_LECTOR}`,
        en: `lector is on {networks}, not on ${NET}: on the default bridge network Docker does not resolve names (bad address 'frases'). Remove it (docker rm lector) and create it with --network ${NET}: ${RUN_LECTOR}`,
      },
      frasesNotOnNetwork: {
        es: `lector está en ${NET}, pero frases no: en esa red nadie se llama frases. Conéctalo (docker network connect ${NET} frases), borra lector (docker rm lector) y vuelve a lanzarlo.`,
        en: `lector is on ${NET}, but frases is not: nobody on that network is called frases. Attach it (docker network connect ${NET} frases), remove lector (docker rm lector) and run it again.`,
      },
      localhost: {
        es: `lector pidió {url}: dentro de un contenedor, localhost es el propio contenedor, y en lector no escucha nadie. Usa el nombre del otro contenedor: bórralo (docker rm lector) y pide http://frases:3000/.`,
        en: `lector asked for {url}: inside a container, localhost is the container itself, and nothing listens in lector. Use the other container's name: remove it (docker rm lector) and ask for http://frases:3000/.`,
      },
      hostPort: {
        es: 'lector llamó a frases en el puerto {port}, que es el publicado en tu máquina. Entre contenedores se usa el puerto del contenedor, el 3000: bórralo (docker rm lector) y pide http://frases:3000/.',
        en: 'lector called frases on port {port}, which is the one published on your machine. Between containers you use the container\'s port, 3000: remove it (docker rm lector) and ask for http://frases:3000/.',
      },
      wrongTarget: {
        es: `lector pidió {url}, no a frases en su puerto 3000. Bórralo (docker rm lector) y créalo con: ${RUN_LECTOR}`,
        en: `lector asked for {url}, not frases on its port 3000. Remove it (docker rm lector) and create it with: ${RUN_LECTOR}`,
      },
      failed: {
        es: 'lector terminó con el código {code} sin recibir la frase: «{log}». Mira que frases esté en marcha y conectado a la red, borra lector (docker rm lector) y vuelve a lanzarlo.',
        en: 'lector ended with code {code} without getting the phrase: "{log}". Check that frases is running and attached to the network, remove lector (docker rm lector) and run it again.',
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'lector');
      if (!c) return fail('missing');
      const frases = await container(ctx, 'frases');
      if (!frases) return fail('noFrases');
      const out = await logs(ctx, 'lector');
      if (c.State.ExitCode === 0 && !c.State.Running && (out?.stdout ?? '').includes(`"servidor":"${hostnameOf(frases)}"`)) return pass();
      if (!networksOf(c).includes(NET)) return fail('notOnNetwork', { networks: networksOf(c).join(', ') });
      const url = [c.Path, ...c.Args].find((a) => /^https?:\/\//.test(a)) ?? '';
      const target = hostPort(url);
      if (target && LOCAL.has(target.host)) return fail('localhost', { url });
      if (target && target.host === 'frases' && target.port !== '3000') return fail('hostPort', { port: target.port });
      if (target && target.host !== 'frases') return fail('wrongTarget', { url });
      if (!networksOf(frases).includes(NET)) return fail('frasesNotOnNetwork');
      const last = (out?.all ?? '').trim().split('\n').at(-1) ?? '';
      return fail('failed', { code: c.State.ExitCode, log: last.slice(0, 200) });
    },
  }),
  check({
    id: 'portada-configured',
    step: 'localhost',
    points: 15,
    title: { es: '«portada» en frases-red, publicada en el 8070, con API_URL apuntando a frases', en: '"portada" on frases-red, published on 8070, with API_URL pointing at frases' },
    success: { es: 'portada busca la API por el nombre del contenedor y su puerto interno: http://frases:3000.', en: 'portada looks for the API by the container\'s name and its inner port: http://frases:3000.' },
    hints: {
      noImage: {
        es: 'Aún no existe la imagen portada. Constrúyela: docker build -t portada ./portada',
        en: 'There is no portada image yet. Build it: docker build -t portada ./portada',
      },
      missing: {
        es: `No hay ningún contenedor llamado portada. Créalo con: ${RUN_PORTADA}`,
        en: `There is no container called portada. Create it with: ${RUN_PORTADA}`,
      },
      portTaken: {
        es: 'Docker no pudo arrancar portada: {error}. Otro contenedor ya publica ese puerto de tu máquina (míralo en docker ps): páralo, o borra portada (docker rm portada) y usa otro puerto a la izquierda de -p.',
        en: 'Docker could not start portada: {error}. Another container already publishes that port of your machine (see docker ps): stop it, or remove portada (docker rm portada) and use another port on the left of -p.',
      },
      notRunning: {
        es: `portada está parado (Exited ({code})). Mira por qué con docker logs portada; después bórralo (docker rm portada) y vuelve a crearlo: ${RUN_PORTADA}`,
        en: `portada is stopped (Exited ({code})). See why with docker logs portada; then remove it (docker rm portada) and create it again: ${RUN_PORTADA}`,
      },
      localhost: {
        es: 'portada tiene API_URL={url}: dentro de portada, localhost es portada, y ahí no escucha nada en el 3000 (ECONNREFUSED 127.0.0.1:3000). Recréalo con el nombre del otro contenedor: docker rm -f portada, y después -e API_URL=http://frases:3000.',
        en: 'portada has API_URL={url}: inside portada, localhost is portada, and nothing listens on 3000 there (ECONNREFUSED 127.0.0.1:3000). Recreate it with the other container\'s name: docker rm -f portada, then -e API_URL=http://frases:3000.',
      },
      hostPort: {
        es: 'portada tiene API_URL={url}: el {port} es el puerto publicado en tu máquina, no el de frases en la red. Entre contenedores, el puerto del contenedor: docker rm -f portada y -e API_URL=http://frases:3000.',
        en: 'portada has API_URL={url}: {port} is the port published on your machine, not frases\' port on the network. Between containers, the container\'s port: docker rm -f portada and -e API_URL=http://frases:3000.',
      },
      wrongTarget: {
        es: 'portada tiene API_URL={url}, que no es frases en su puerto 3000. Recréalo (docker rm -f portada) con -e API_URL=http://frases:3000.',
        en: 'portada has API_URL={url}, which is not frases on its port 3000. Recreate it (docker rm -f portada) with -e API_URL=http://frases:3000.',
      },
      notOnNetwork: {
        es: `portada está en {networks}, no en ${NET}, así que no puede encontrar a frases por su nombre. Recréalo (docker rm -f portada) con --network ${NET}.`,
        en: `portada is on {networks}, not on ${NET}, so it cannot find frases by its name. Recreate it (docker rm -f portada) with --network ${NET}.`,
      },
      notPublished: {
        es: 'portada no publica su puerto 8080 en el 8070 de tu máquina, y la vista previa no llega a él. Recréalo (docker rm -f portada) con -p 8070:8080 (HOST:CONTENEDOR).',
        en: 'portada does not publish its port 8080 on your machine\'s 8070, so the preview cannot reach it. Recreate it (docker rm -f portada) with -p 8070:8080 (HOST:CONTAINER).',
      },
    },
    async run(ctx) {
      if (!(await image(ctx, 'portada'))) return fail('noImage');
      const c = await container(ctx, 'portada');
      if (!c) return fail('missing');
      if (!c.State.Running) return portTaken(c) ? fail('portTaken', { error: c.State.Error }) : fail('notRunning', { code: c.State.ExitCode });
      const url = envValue(c.Config.Env, 'API_URL') ?? '';
      const target = hostPort(url);
      if (!target || LOCAL.has(target.host)) return fail('localhost', { url });
      if (target.host === 'frases' && target.port === '5000') return fail('hostPort', { url, port: target.port });
      if (target.host !== 'frases' || target.port !== '3000') return fail('wrongTarget', { url });
      if (!networksOf(c).includes(NET)) return fail('notOnNetwork', { networks: networksOf(c).join(', ') });
      return publishedPort(c, '8080/tcp') === '8070' ? pass() : fail('notPublished');
    },
  }),
  check({
    id: 'portada-served',
    step: 'localhost',
    points: 10,
    title: { es: 'Tu visita a portada llegó hasta frases por la red', en: 'Your visit to portada reached frases over the network' },
    success: {
      es: 'Navegador → 8070 de tu máquina → 8080 de portada → frases:3000 por frases-red: el log de frases tiene la petición desde la IP de portada.',
      en: 'Browser → your machine\'s 8070 → portada\'s 8080 → frases:3000 over frases-red: frases\' log has the request from portada\'s IP.',
    },
    hints: {
      missing: {
        es: `No hay ningún contenedor llamado portada en ${NET}. Créalo con: ${RUN_PORTADA}`,
        en: `There is no container called portada on ${NET}. Create it with: ${RUN_PORTADA}`,
      },
      notVisited: {
        es: 'frases no ha recibido ninguna petición de portada. Abre la vista previa en el puerto 8070 (o pulsa Recargar); si ves un error 502, revisa el API_URL de portada.',
        en: 'frases has not received any request from portada. Open the preview on port 8070 (or press Reload); if you see a 502 error, check portada\'s API_URL.',
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'portada');
      const ip = c ? addressOn(c, NET) : '';
      if (!c || !ip) return fail('missing');
      // From portada's address since it started (an earlier container may have had the same address).
      const since = Date.parse(c.State.StartedAt);
      return (await fraseRequests(ctx)).some((r) => r.from === ip && r.at >= since) ? pass() : fail('notVisited');
    },
  }),
]);
