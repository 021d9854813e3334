// Lesson 12's checks: the client and the server apart (docker version, and
// the client pointed where no daemon is), what docker run asks the daemon
// for (hola-api's create, attach, start and die events: a -d run has no
// attach), and a container made by hand over the Docker socket — via-api's
// config, state and removal read through the Engine API, with the curl
// commands typed telling which mistake was made when the state says it did
// not work (a GET where a POST was needed, curl -d's form Content-Type, no
// ?name=, no /vX.Y in the path, no force on a running container).
import { check, defineChecks, fail, pass, type CheckContext } from '../kit/checks.ts';
import { dockerCalls } from '../kit/commands.ts';
import { apiRoute, apiVersionOf, curlCalls, type CurlCall } from '../kit/curl.ts';
import { container, containerEvents, containers, logs } from '../kit/reads.ts';

const SOCKETS = new Set(['/var/run/docker.sock', '/run/docker.sock']);
const DEFAULT_HOSTS = new Set(['unix:///var/run/docker.sock', 'unix:///run/docker.sock']);

const RUN_HOLA = 'docker run --name hola-api busybox echo hola';
const CURL = 'curl --unix-socket /var/run/docker.sock';
const LIST = `${CURL} http://localhost/v1.50/containers/json`;
const CREATE = `${CURL} -H "Content-Type: application/json" -d @via-api.json "http://localhost/v1.50/containers/create?name=via-api"`;
const START = `curl -i --unix-socket /var/run/docker.sock -X POST http://localhost/v1.50/containers/via-api/start`;
const DELETE = `curl -i --unix-socket /var/run/docker.sock -X DELETE "http://localhost/v1.50/containers/via-api?force=1"`;

/** `NAME=value` on a line (`export NAME=value`, `NAME=value cmd`): the value, unquoted; null when the line sets none. */
function assignment(line: string, name: string): string | null {
  const m = new RegExp(`(?:^|[\\s;&|(])(?:export\\s+)?${name}=("[^"]*"|'[^']*'|[^\\s;&|]*)`).exec(line);
  return m ? m[1]!.replace(/^["']|["']$/g, '') : null;
}

/**
 * The address each docker call went to, in order: its -H/--host, else a
 * DOCKER_HOST set on its line, else one exported earlier and not unset
 * since; null for the default socket.
 */
function dockerHosts(commands: readonly string[]): Array<string | null> {
  const out: Array<string | null> = [];
  let exported: string | null = null;
  for (const line of commands) {
    for (const call of dockerCalls([line])) {
      const flag = call.args.findIndex((a) => a === '-H' || a === '--host' || a.startsWith('--host='));
      const fromFlag = flag < 0 ? null : call.args[flag]!.startsWith('--host=') ? call.args[flag]!.slice(7) : call.args[flag + 1] ?? '';
      out.push(fromFlag ?? assignment(line, 'DOCKER_HOST') ?? exported);
    }
    if (/(?:^|[\s;&|(])export\s+DOCKER_HOST=/.test(line)) exported = assignment(line, 'DOCKER_HOST');
    if (/(?:^|[\s;&|(])unset\s+(?:-v\s+)?DOCKER_HOST\b/.test(line)) exported = null;
  }
  return out;
}

/** DOCKER_HOST as exported in the terminal now (by the commands typed), unless it is the daemon's socket; null otherwise. */
function exportedHost(commands: readonly string[]): string | null {
  let exported: string | null = null;
  for (const line of commands) {
    if (/(?:^|[\s;&|(])export\s+DOCKER_HOST=/.test(line)) exported = assignment(line, 'DOCKER_HOST');
    if (/(?:^|[\s;&|(])unset\s+(?:-v\s+)?DOCKER_HOST\b/.test(line)) exported = null;
  }
  return exported !== null && !DEFAULT_HOSTS.has(exported) ? exported : null;
}

/** The daemon's API version, as GET /version gives it (what `docker version` prints under Server). */
async function serverApiVersion(ctx: CheckContext): Promise<string> {
  return (await ctx.client.json<{ ApiVersion: string }>('GET', '/version')).ApiVersion;
}

/** The curl calls to the Engine API route `route` (version prefix or not), over the socket or not. */
function callsTo(ctx: CheckContext, route: RegExp): CurlCall[] {
  return curlCalls(ctx.commands).filter((c) => route.test(apiRoute(c.path)));
}

const overSocket = (c: CurlCall): boolean => c.unixSocket !== null && SOCKETS.has(c.unixSocket.replace(/\/+$/, ''));
const forced = (c: CurlCall): boolean => /^(1|true)$/i.test(c.query.get('force') ?? '');
const isJson = (c: CurlCall): boolean => /^application\/json\s*(;|$)/i.test(c.contentType ?? '');

const parses = (text: string): boolean => { try { JSON.parse(text); return true; } catch { return false; } };

/** A route naming via-api: by name, or by the ID (or a prefix of it) the create answered. */
function viaApiRoute(suffix: string, id: string | null): RegExp {
  const ref = id ? `(?:via-api|${id.slice(0, 12)}[0-9a-f]*)` : 'via-api';
  return new RegExp(`^/containers/${ref}${suffix}$`);
}

/** The ID via-api had (from its events: it may be removed by now). */
async function viaApiId(ctx: CheckContext): Promise<string | null> {
  const c = await container(ctx, 'via-api');
  if (c) return c.Id;
  return (await containerEvents(ctx, 'via-api'))[0]?.Actor.ID ?? null;
}

export default defineChecks([
  check({
    id: 'client-version',
    step: 'two-programs',
    points: 5,
    title: { es: 'docker version: el cliente y el servidor', en: 'docker version: the client and the server' },
    success: {
      es: 'Dos programas, dos versiones: el cliente docker y el Engine (dockerd), que se entienden porque hablan la misma versión de la API.',
      en: 'Two programs, two versions: the docker client and the Engine (dockerd), which understand each other because they speak the same API version.',
    },
    hints: {
      notRun: {
        es: 'Todavía no has ejecutado docker version. Escríbelo tal cual y mira sus dos mitades, Client y Server: docker version',
        en: 'You have not run docker version yet. Type it as it is and look at its two halves, Client and Server: docker version',
      },
      onlyFlag: {
        es: 'docker --version solo imprime la versión del cliente, sin preguntar al daemon. docker version (sin guiones) pregunta también al servidor: docker version',
        en: 'docker --version only prints the client\'s version, without asking the daemon. docker version (no dashes) asks the server too: docker version',
      },
    },
    run(ctx) {
      const calls = dockerCalls(ctx.commands);
      if (calls.some((c) => c.verb === 'version')) return pass();
      return fail(calls.some((c) => c.verb === '--version') ? 'onlyFlag' : 'notRun');
    },
  }),
  check({
    id: 'no-daemon',
    step: 'two-programs',
    points: 10,
    title: { es: 'El cliente apuntando a una dirección sin daemon', en: 'The client pointed at an address with no daemon' },
    success: {
      es: 'Sin servidor, el cliente solo puede hablar de sí mismo: «Cannot connect to the Docker daemon». DOCKER_HOST y -H le dicen dónde buscarlo.',
      en: 'Without a server the client can only talk about itself: "Cannot connect to the Docker daemon". DOCKER_HOST and -H tell it where to look.',
    },
    hints: {
      notTried: {
        es: 'Aún no has apuntado el cliente a otro sitio. Pon DOCKER_HOST delante de la orden, así solo vale para ella: DOCKER_HOST=tcp://localhost:2375 docker version',
        en: 'You have not pointed the client anywhere else yet. Put DOCKER_HOST in front of the command, so it only holds for that one: DOCKER_HOST=tcp://localhost:2375 docker version',
      },
      sameSocket: {
        es: 'Esa dirección es el propio socket del daemon ({host}), así que el cliente lo encontró. Prueba con una donde no escucha nadie: DOCKER_HOST=tcp://localhost:2375 docker version',
        en: 'That address is the daemon\'s own socket ({host}), so the client found it. Try one where nothing listens: DOCKER_HOST=tcp://localhost:2375 docker version',
      },
    },
    run(ctx) {
      let same: string | null = null;
      for (const host of dockerHosts(ctx.commands)) {
        if (host === null) continue;
        if (!DEFAULT_HOSTS.has(host)) return pass();
        same = host;
      }
      return same ? fail('sameSocket', { host: same }) : fail('notTried');
    },
  }),
  check({
    id: 'run-traced',
    step: 'traffic',
    points: 15,
    title: { es: 'hola-api: un docker run completo (create, attach, wait, start)', en: 'hola-api: a whole docker run (create, attach, wait, start)' },
    success: {
      es: 'El daemon registró create, attach, start y die de hola-api: docker run es el cliente encadenando peticiones, y su código de salida es la respuesta de wait.',
      en: 'The daemon recorded hola-api\'s create, attach, start and die: docker run is the client chaining requests, and its exit code is wait\'s answer.',
    },
    hints: {
      missing: {
        es: `No hay ningún contenedor llamado hola-api. Créalo con el panel de tráfico abierto: ${RUN_HOLA}`,
        en: `There is no container called hola-api. Create it with the traffic panel open: ${RUN_HOLA}`,
      },
      hostExported: {
        es: `No hay ningún contenedor llamado hola-api, y exportaste DOCKER_HOST={host}: desde entonces, cada docker de esta terminal busca el daemon allí y no lo encuentra. Quita la variable (unset DOCKER_HOST) y lánzalo: ${RUN_HOLA}`,
        en: `There is no container called hola-api, and you exported DOCKER_HOST={host}: since then, every docker in this terminal looks for the daemon there and does not find it. Remove the variable (unset DOCKER_HOST) and run it: ${RUN_HOLA}`,
      },
      detached: {
        es: `hola-api se lanzó sin que el cliente se enganchara a su salida (¿con -d?): así docker run solo hace create y start, sin attach ni wait. Bórralo (docker rm hola-api) y lánzalo sin -d: ${RUN_HOLA}`,
        en: `hola-api was started without the client hooking onto its output (with -d?): then docker run only makes create and start, no attach nor wait. Remove it (docker rm hola-api) and run it without -d: ${RUN_HOLA}`,
      },
      neverStarted: {
        es: `hola-api existe pero nunca arrancó (¿docker create?). Bórralo (docker rm hola-api) y usa docker run, que hace create y start: ${RUN_HOLA}`,
        en: `hola-api exists but never started (docker create?). Remove it (docker rm hola-api) and use docker run, which does create and start: ${RUN_HOLA}`,
      },
      stillRunning: {
        es: `hola-api sigue en marcha: su orden no termina. Bórralo (docker rm -f hola-api) y lánzalo con echo, que termina al momento: ${RUN_HOLA}`,
        en: `hola-api is still running: its command does not end. Remove it (docker rm -f hola-api) and run it with echo, which ends at once: ${RUN_HOLA}`,
      },
      otherOutput: {
        es: `hola-api terminó con el código {code} y sin escribir «hola»: ¿otra orden? Bórralo (docker rm hola-api) y lánzalo tal cual: ${RUN_HOLA}`,
        en: `hola-api ended with code {code} without writing "hola": another command? Remove it (docker rm hola-api) and run it exactly as: ${RUN_HOLA}`,
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'hola-api');
      const exported = exportedHost(ctx.commands);
      if (!c) return exported ? fail('hostExported', { host: exported }) : fail('missing');
      if (c.State.Running) return fail('stillRunning');
      const actions = new Set((await containerEvents(ctx, c.Id)).map((e) => e.Action));
      if (!actions.has('start')) return fail('neverStarted');
      const out = await logs(ctx, c.Id);
      if (c.State.ExitCode !== 0 || !out?.stdout.includes('hola')) return fail('otherOutput', { code: c.State.ExitCode });
      if (!actions.has('attach')) return fail('detached');
      return pass();
    },
  }),
  check({
    id: 'curl-list',
    step: 'curl-get',
    points: 15,
    title: { es: 'La lista de contenedores pedida con curl, con la versión de la API', en: 'The container list asked for with curl, with the API version' },
    success: {
      es: 'GET /containers/json por el socket: lo mismo que pide docker ps, con la versión de la API del daemon fijada en la ruta, como hace el CLI.',
      en: 'GET /containers/json over the socket: what docker ps asks for, with the daemon\'s API version pinned in the path, as the CLI does.',
    },
    hints: {
      noCurl: {
        es: `Aún no has pedido la lista de contenedores con curl. Usa el socket del daemon y la versión de su API: ${LIST}`,
        en: `You have not asked for the container list with curl yet. Use the daemon's socket and its API version: ${LIST}`,
      },
      noSocket: {
        es: `Tu curl a containers/json no lleva --unix-socket, así que fue por TCP al puerto 80 de localhost, donde no escucha ningún daemon. Dile a curl que use el socket: ${LIST}`,
        en: `Your curl to containers/json has no --unix-socket, so it went over TCP to port 80 of localhost, where no daemon listens. Tell curl to use the socket: ${LIST}`,
      },
      notGet: {
        es: `Tu curl a containers/json envió un {method}: esa ruta solo existe para GET (el daemon contesta 404 page not found). Quita -X y el cuerpo: ${LIST}`,
        en: `Your curl to containers/json sent a {method}: that path only exists for GET (the daemon answers 404 page not found). Drop -X and the body: ${LIST}`,
      },
      noVersion: {
        es: `Pediste /containers/json sin versión: el daemon contesta con su API más nueva, y un script así puede romperse al actualizar Docker. Pon delante la versión que dice docker version ({api}): ${LIST}`,
        en: `You asked for /containers/json without a version: the daemon answers with its newest API, and a script like that may break when Docker is upgraded. Put in front the version docker version shows ({api}): ${LIST}`,
      },
      wrongVersion: {
        es: 'Usaste la versión {used}, pero el daemon habla la {api} (mira «API version» bajo Server en docker version). Pide la ruta con /v{api}/: ' + LIST,
        en: 'You used version {used}, but the daemon speaks {api} (see "API version" under Server in docker version). Ask for the path with /v{api}/: ' + LIST,
      },
    },
    async run(ctx) {
      const api = await serverApiVersion(ctx);
      const calls = callsTo(ctx, /^\/containers\/json$/);
      if (calls.length === 0) return fail('noCurl');
      if (calls.some((c) => overSocket(c) && c.method === 'GET' && apiVersionOf(c.path) === api)) return pass();
      const last = calls.filter(overSocket).pop();
      if (!last) return fail('noSocket');
      if (last.method !== 'GET') return fail('notGet', { method: last.method });
      const used = apiVersionOf(last.path);
      if (used === null) return fail('noVersion', { api });
      return fail('wrongVersion', { used, api });
    },
  }),
  check({
    id: 'api-created',
    step: 'create',
    points: 20,
    title: { es: 'via-api creado con un POST a /containers/create', en: 'via-api created with a POST to /containers/create' },
    success: {
      es: 'El daemon creó via-api a partir de tu JSON (busybox, sleep 600, la etiqueta client=curl): lo mismo que hace docker create, sin el cliente docker.',
      en: 'The daemon created via-api from your JSON (busybox, sleep 600, the label client=curl): what docker create does, without the docker client.',
    },
    hints: {
      missing: {
        es: `No hay ningún contenedor llamado via-api. Guarda via-api.json desde la lección y envíalo (lee la respuesta del daemon si algo falla): ${CREATE}`,
        en: `There is no container called via-api. Save via-api.json from the lesson and send it (read the daemon's answer if something fails): ${CREATE}`,
      },
      getNotPost: {
        es: `Tu curl a containers/create envió un GET (sin cuerpo ni -X POST): para el daemon esa ruta no existe con GET y contesta 404 page not found. Crear es POST con el JSON como cuerpo: ${CREATE}`,
        en: `Your curl to containers/create sent a GET (no body, no -X POST): the daemon has no such path for GET and answers 404 page not found. Creating is a POST with the JSON as body: ${CREATE}`,
      },
      formType: {
        es: `Tu curl envió el cuerpo como {type}, que es lo que curl pone con -d si no le dices otra cosa, y el daemon lo rechaza con 400 (unsupported Content-Type header). Declara que es JSON con -H: ${CREATE}`,
        en: `Your curl sent the body as {type}, which is what curl says for -d unless told otherwise, and the daemon refuses it with 400 (unsupported Content-Type header). Declare it as JSON with -H: ${CREATE}`,
      },
      noSocket: {
        es: `Tu curl a containers/create no lleva --unix-socket /var/run/docker.sock: fue por TCP al puerto 80, donde no hay ningún daemon. ${CREATE}`,
        en: `Your curl to containers/create has no --unix-socket /var/run/docker.sock: it went over TCP to port 80, where there is no daemon. ${CREATE}`,
      },
      badJson: {
        es: 'El cuerpo que le llegó al daemon, {body}, no es JSON válido, y contestó 400 (invalid JSON). Si lo rodeaste de comillas dobles, la shell se comió las de dentro: usa comillas simples por fuera, o mejor envía el archivo con -d @via-api.json: ' + CREATE,
        en: 'The body the daemon got, {body}, is not valid JSON, and it answered 400 (invalid JSON). If you wrapped it in double quotes, the shell ate the inner ones: use single quotes outside, or better send the file with -d @via-api.json: ' + CREATE,
      },
      noName: {
        es: 'Creaste el contenedor, pero sin ?name=via-api en la URL, así que el daemon le inventó un nombre: {name}. El nombre va como parámetro de la URL, no en el JSON. Bórralo (docker rm {name}) y vuelve a crearlo: ' + CREATE,
        en: 'You created the container, but without ?name=via-api in the URL, so the daemon made a name up: {name}. The name goes as a URL parameter, not in the JSON. Remove it (docker rm {name}) and create it again: ' + CREATE,
      },
      madeWithCli: {
        es: `via-api existe, pero lo creaste con el cliente docker; aquí se trata de hacerlo sin él. Bórralo (docker rm -f via-api) y créalo con curl: ${CREATE}`,
        en: `via-api exists, but you made it with the docker client; the point here is doing it without. Remove it (docker rm -f via-api) and create it with curl: ${CREATE}`,
      },
      wrongConfig: {
        es: 'via-api no tiene la configuración de via-api.json ({detail}). Revisa el archivo, borra el contenedor (docker rm -f via-api) y vuelve a enviarlo: ' + CREATE,
        en: 'via-api does not have via-api.json\'s configuration ({detail}). Check the file, remove the container (docker rm -f via-api) and send it again: ' + CREATE,
      },
    },
    async run(ctx) {
      const calls = callsTo(ctx, /^\/containers\/create$/);
      const c = await container(ctx, 'via-api');
      if (!c) {
        const last = calls.pop();
        if (last && !overSocket(last)) return fail('noSocket');
        if (last && last.method === 'GET') return fail('getNotPost');
        if (last && last.hasBody && !isJson(last)) return fail('formType', { type: last.contentType ?? '—' });
        const inline = last?.data.find((d) => !d.startsWith('@'));
        if (inline !== undefined && !parses(inline)) return fail('badJson', { body: inline });
        const unnamed = (await containers(ctx)).find((s) => s.Labels?.client === 'curl');
        if (unnamed) return fail('noName', { name: (unnamed.Names[0] ?? '').replace(/^\//, '') });
        return fail('missing');
      }
      if (!calls.some((k) => overSocket(k) && k.method === 'POST')) return fail('madeWithCli');
      const problems: string[] = [];
      if (!/^busybox(:latest)?$/.test(c.Config.Image)) problems.push(`Image: ${c.Config.Image}`);
      if (c.Config.Labels?.client !== 'curl') problems.push(`Labels.client: ${c.Config.Labels?.client ?? '—'}`);
      if ((c.Config.Cmd ?? []).join(' ') !== 'sleep 600') problems.push(`Cmd: ${JSON.stringify(c.Config.Cmd)}`);
      if (problems.length > 0) return fail('wrongConfig', { detail: problems.join(', ') });
      return pass();
    },
  }),
  check({
    id: 'api-started',
    step: 'start',
    points: 15,
    title: { es: 'via-api arrancado con POST /containers/via-api/start', en: 'via-api started with POST /containers/via-api/start' },
    success: {
      es: '204 No Content y via-api en marcha: create y start son dos peticiones distintas, y docker ps ve lo que hizo curl porque el estado lo guarda el daemon.',
      en: '204 No Content and via-api running: create and start are two separate requests, and docker ps sees what curl did because the daemon keeps the state.',
    },
    hints: {
      missing: {
        es: `No hay ningún contenedor llamado via-api: créalo primero (paso anterior): ${CREATE}`,
        en: `There is no container called via-api: create it first (previous step): ${CREATE}`,
      },
      notStarted: {
        es: `via-api está Created: create solo crea, no arranca nada. Arráncalo con un POST a su ruta start: ${START}`,
        en: `via-api is Created: create only creates, it starts nothing. Start it with a POST to its start path: ${START}`,
      },
      startGet: {
        es: `Tu curl a /start no llevaba -X POST y, sin cuerpo, curl envía un GET: el daemon contesta 404 page not found. Pide el método: ${START}`,
        en: `Your curl to /start had no -X POST and, without a body, curl sends a GET: the daemon answers 404 page not found. Ask for the method: ${START}`,
      },
      startedWithCli: {
        es: `via-api está en marcha, pero no con curl (¿docker start?). Aquí se trata de hacerlo sin el cliente docker: páralo (docker stop via-api) y arráncalo con: ${START}`,
        en: `via-api is running, but not through curl (docker start?). The point here is doing it without the docker client: stop it (docker stop via-api) and start it with: ${START}`,
      },
      exited: {
        es: 'via-api arrancó pero ya terminó (código {code}): su orden no lo mantiene vivo. Revisa "Cmd" en via-api.json (["sleep", "600"]), bórralo (docker rm via-api) y vuelve a crearlo y arrancarlo.',
        en: 'via-api started but has already ended (code {code}): its command does not keep it alive. Check "Cmd" in via-api.json (["sleep", "600"]), remove it (docker rm via-api), then create and start it again.',
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'via-api');
      if (!c) return fail('missing');
      const starts = callsTo(ctx, viaApiRoute('/start', c.Id)).filter(overSocket);
      const started = (await containerEvents(ctx, c.Id)).some((e) => e.Action === 'start');
      if (!started) return fail(starts.some((s) => s.method === 'GET') ? 'startGet' : 'notStarted');
      if (!c.State.Running) return fail('exited', { code: c.State.ExitCode });
      if (!starts.some((s) => s.method === 'POST')) return fail('startedWithCli');
      return pass();
    },
  }),
  check({
    id: 'api-removed',
    step: 'remove',
    points: 15,
    title: { es: 'via-api borrado con DELETE ?force=1', en: 'via-api removed with DELETE ?force=1' },
    success: {
      es: 'DELETE con force=1 es docker rm -f: el daemon lo mató y lo borró. GET para leer, POST para crear y actuar, DELETE para borrar: toda la API sigue ese patrón.',
      en: 'DELETE with force=1 is docker rm -f: the daemon killed it and removed it. GET to read, POST to create and act, DELETE to remove: the whole API follows that pattern.',
    },
    hints: {
      neverCreated: {
        es: `via-api no ha existido nunca: créalo y arráncalo con los pasos anteriores, y después bórralo con: ${DELETE}`,
        en: `via-api has never existed: create and start it with the previous steps, then remove it with: ${DELETE}`,
      },
      noDelete: {
        es: `via-api sigue ahí. Bórralo con una petición DELETE a su ruta: ${DELETE}`,
        en: `via-api is still there. Remove it with a DELETE request to its path: ${DELETE}`,
      },
      notForced: {
        es: `via-api sigue ahí: está en marcha y un DELETE sin force recibe 409 Conflict (container is running), como docker rm sin -f. Añade ?force=1: ${DELETE}`,
        en: `via-api is still there: it is running, and a DELETE without force gets 409 Conflict (container is running), as docker rm without -f does. Add ?force=1: ${DELETE}`,
      },
      removedWithCli: {
        es: 'via-api ya no está, pero lo borraste con el cliente docker (docker rm), no con una petición DELETE. Para repetirlo con curl, vuelve a crearlo y arrancarlo (pasos anteriores) y bórralo con: ' + DELETE,
        en: 'via-api is gone, but you removed it with the docker client (docker rm), not with a DELETE request. To do it with curl, create and start it again (previous steps) and remove it with: ' + DELETE,
      },
    },
    async run(ctx) {
      const id = await viaApiId(ctx);
      const deletes = callsTo(ctx, viaApiRoute('', id)).filter((k) => overSocket(k) && k.method === 'DELETE');
      const c = await container(ctx, 'via-api');
      if (c) {
        if (deletes.length === 0) return fail('noDelete');
        return c.State.Running && !deletes.some(forced) ? fail('notForced') : fail('noDelete');
      }
      if (id === null) return fail('neverCreated');
      // A forced DELETE removed it; an unforced one only could once it had stopped — unless docker rm did it after a 409.
      if (deletes.some(forced)) return pass();
      const cliRm = dockerCalls(ctx.commands).some((k) => k.verb === 'rm' && k.rest.includes('via-api'));
      return deletes.length > 0 && !cliRm ? pass() : fail('removedWithCli');
    },
  }),
]);
