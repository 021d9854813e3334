// Lesson 02's checks, all read from the engine: the web container (nginx,
// running, port 80 published on 8080), a request in its logs and the
// student reading them, a container whose main process keeps running and
// writing, one container started twice by name, and the cleanup — web
// stopped with `docker stop` (its die event says exit 0) and removed (a
// destroy event, no container left by that name).
import { check, defineChecks, fail, pass, type CheckContext } from '../kit/checks.ts';
import { missingContainer } from '../kit/hints.ts';
import { dockerCalls } from '../kit/commands.ts';
import { container, containerEvents, containers, image, logs, nameOf, nonBlankLines, publishedPort } from '../kit/reads.ts';

/** `docker run` calls that named their container `name`. */
function runsNamed(ctx: CheckContext, name: string): number {
  return dockerCalls(ctx.commands).filter((c) => c.verb === 'run' && c.rest.some((w, i) => w === `--name=${name}` || (w === '--name' && c.rest[i + 1] === name))).length;
}



const RUN_WEB = 'docker run -d --name web -p 8080:80 nginx:alpine';
const RUN_RELOJ = `docker run -d --name reloj busybox sh -c 'while true; do date; sleep 2; done'`;

export default defineChecks([
  check({
    id: 'web-running',
    step: 'run',
    points: 15,
    title: { es: 'nginx en marcha como «web», publicado en el puerto 8080', en: 'nginx running as "web", published on port 8080' },
    success: { es: '¡Tu servidor web está en marcha y se puede visitar en el puerto 8080!', en: 'Your web server is up and can be visited on port 8080!' },
    hints: {
      missing: missingContainer('web', RUN_WEB),
      wrongImage: {
        es: 'web se creó a partir de la imagen {image}, no de nginx:alpine. Bórralo (docker rm -f web) y vuelve a crearlo: ' + RUN_WEB,
        en: 'web was created from the image {image}, not from nginx:alpine. Remove it (docker rm -f web) and create it again: ' + RUN_WEB,
      },
      notRunning: {
        es: 'web existe pero está parado (Exited ({code})). Si lo lanzaste sin -d, se quedó pegado a la terminal y Ctrl+C lo paró. Bórralo con docker rm web y lánzalo otra vez con -d: ' + RUN_WEB,
        en: 'web exists but is stopped (Exited ({code})). If you started it without -d, it stayed attached to the terminal and Ctrl+C stopped it. Remove it with docker rm web and start it again with -d: ' + RUN_WEB,
      },
      notPublished: {
        es: 'web está en marcha pero no publica ningún puerto: sin -p, nginx solo es accesible desde dentro de la red de Docker. Bórralo (docker rm -f web) y vuelve a crearlo con -p 8080:80.',
        en: 'web is running but publishes no port: without -p, nginx can only be reached from inside Docker\'s network. Remove it (docker rm -f web) and create it again with -p 8080:80.',
      },
      wrongContainerPort: {
        es: 'web publica el puerto {port} del contenedor, pero nginx escucha en el 80. En -p HOST:CONTENEDOR, el número de la derecha es el puerto de dentro del contenedor: bórralo (docker rm -f web) y usa -p 8080:80.',
        en: 'web publishes the container\'s port {port}, but nginx listens on 80. In -p HOST:CONTAINER the number on the right is the port inside the container: remove it (docker rm -f web) and use -p 8080:80.',
      },
      otherHostPort: {
        es: 'nginx está publicado en el puerto {port} de tu máquina, y esta lección usa el 8080. Bórralo (docker rm -f web) y vuelve a crearlo con -p 8080:80.',
        en: 'nginx is published on port {port} of your machine, and this lesson uses 8080. Remove it (docker rm -f web) and create it again with -p 8080:80.',
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'web');
      if (!c) return fail('missing');
      const nginx = await image(ctx, 'nginx:alpine');
      if (!nginx || c.Image !== nginx.Id) return fail('wrongImage', { image: c.Config.Image });
      if (!c.State.Running) return fail('notRunning', { code: c.State.ExitCode });
      const bindings = Object.entries(c.HostConfig.PortBindings ?? {}).filter(([, b]) => b && b.length > 0);
      if (bindings.length === 0) return fail('notPublished');
      const host = publishedPort(c, '80/tcp');
      if (host === null) return fail('wrongContainerPort', { port: bindings[0]![0].replace(/\/tcp$/, '') });
      if (host !== '8080') return fail('otherHostPort', { port: host || '(random)' });
      return pass();
    },
  }),
  check({
    id: 'web-visited',
    step: 'look',
    points: 5,
    title: { es: 'nginx ha servido tu visita', en: 'nginx has served your visit' },
    success: { es: 'Cada visita queda en los logs de nginx: es lo que escribe en su salida estándar.', en: 'Every visit ends up in nginx\'s logs: it is what nginx writes to its standard output.' },
    hints: {
      missing: missingContainer('web', RUN_WEB),
      noVisit: {
        es: 'Los logs de web aún no muestran ninguna petición. Abre la pestaña Vista previa en el puerto 8080 (o pulsa Recargar) y vuelve a comprobarlo.',
        en: 'web\'s logs show no request yet. Open the Preview tab on port 8080 (or press Reload) and check again.',
      },
    },
    async run(ctx) {
      const out = await logs(ctx, 'web');
      if (!out) return fail('missing');
      return /"GET \S* HTTP\/1\.[01]" \d{3} /.test(out.stdout) ? pass() : fail('noVisit');
    },
  }),
  check({
    id: 'logs-read',
    step: 'look',
    points: 5,
    title: { es: 'Has leído los logs de web', en: 'You have read web\'s logs' },
    success: { es: 'docker logs muestra lo que el proceso principal del contenedor ha escrito.', en: 'docker logs shows what the container\'s main process has written.' },
    hints: {
      notYet: {
        es: 'Todavía no has mirado los logs de web: ejecuta docker logs web.',
        en: 'You have not looked at web\'s logs yet: run docker logs web.',
      },
    },
    async run(ctx) {
      const web = await container(ctx, 'web');
      const isWeb = (w: string): boolean => w === 'web' || (web !== null && w.length >= 3 && web.Id.startsWith(w));
      return dockerCalls(ctx.commands).some((c) => c.verb === 'logs' && c.rest.some(isWeb)) ? pass() : fail('notYet');
    },
  }),
  check({
    id: 'reloj-running',
    step: 'one-process',
    points: 15,
    title: { es: '«reloj» sigue en marcha y escribe la hora', en: '"reloj" keeps running and prints the time' },
    success: { es: 'reloj vive mientras vive su proceso principal, y ese proceso no termina.', en: 'reloj lives as long as its main process does, and that process does not end.' },
    hints: {
      missing: missingContainer('reloj', RUN_RELOJ),
      exited: {
        es: 'reloj ya no está en marcha (Exited ({code})): un contenedor vive mientras vive su proceso principal (el PID 1), y «{cmd}» terminó. Bórralo (docker rm reloj) y dale una orden que no acabe: ' + RUN_RELOJ,
        en: 'reloj is no longer running (Exited ({code})): a container lives as long as its main process (PID 1) does, and "{cmd}" ended. Remove it (docker rm reloj) and give it a command that does not end: ' + RUN_RELOJ,
      },
      silent: {
        es: 'reloj está en marcha pero sus logs están vacíos: docker logs solo muestra lo que el proceso principal escribe en su salida. Bórralo (docker rm -f reloj) y haz que escriba la hora cada poco: ' + RUN_RELOJ,
        en: 'reloj is running but its logs are empty: docker logs only shows what the main process writes to its output. Remove it (docker rm -f reloj) and make it print the time every few seconds: ' + RUN_RELOJ,
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'reloj');
      if (!c) return fail('missing');
      if (!c.State.Running) return fail('exited', { code: c.State.ExitCode, cmd: [c.Path, ...c.Args].join(' ') });
      const out = await logs(ctx, 'reloj');
      return out && nonBlankLines(out.all).length > 0 ? pass() : fail('silent');
    },
  }),
  check({
    id: 'saludo-twice',
    step: 'names',
    points: 15,
    title: { es: 'El mismo contenedor «saludo», ejecutado dos veces', en: 'The same "saludo" container, run twice' },
    success: { es: 'Un contenedor parado se puede volver a arrancar: sus logs guardan las dos ejecuciones.', en: 'A stopped container can be started again: its logs keep both runs.' },
    hints: {
      missing: missingContainer('saludo', 'docker run --name saludo busybox echo "Hola desde un contenedor"'),
      noGreeting: {
        es: 'saludo no ha escrito nada. Bórralo (docker rm saludo) y créalo con una orden que escriba algo: docker run --name saludo busybox echo "Hola desde un contenedor"',
        en: 'saludo has written nothing. Remove it (docker rm saludo) and create it with a command that prints something: docker run --name saludo busybox echo "Hola desde un contenedor"',
      },
      nameInUse: {
        es: 'Tu segundo docker run --name saludo falló: ese nombre ya es del contenedor que creaste antes (Conflict), así que no se creó nada. No necesitas otro: arranca el mismo con docker start saludo.',
        en: 'Your second docker run --name saludo failed: that name already belongs to the container you created before (Conflict), so nothing was created. You do not need another one: start the same one with docker start saludo.',
      },
      newContainers: {
        es: 'Cada docker run crea un contenedor nuevo: en docker ps -a tienes {count} contenedores con este mismo saludo. Para repetir el mismo, usa docker start saludo (y borra las copias con docker rm).',
        en: 'Every docker run creates a new container: docker ps -a lists {count} containers with this same greeting. To run the same one again, use docker start saludo (and remove the copies with docker rm).',
      },
      onlyOnce: {
        es: 'saludo solo se ha ejecutado una vez. Vuelve a arrancarlo con docker start saludo y mira sus logs con docker logs saludo.',
        en: 'saludo has only run once. Start it again with docker start saludo and look at its logs with docker logs saludo.',
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'saludo');
      if (!c) return fail('missing');
      const out = nonBlankLines((await logs(ctx, 'saludo'))?.stdout ?? '');
      if (out.length >= 2) return pass();
      if (out.length === 0) return fail('noGreeting');
      if (runsNamed(ctx, 'saludo') >= 2) return fail('nameInUse');
      const all = await containers(ctx, { all: true });
      const mine = all.find((s) => s.Id === c.Id);
      const copies = all.filter((s) => mine && s.ImageID === mine.ImageID && s.Command === mine.Command).length;
      return copies > 1 ? fail('newContainers', { count: copies }) : fail('onlyOnce');
    },
  }),
  check({
    id: 'web-removed',
    step: 'stop-rm',
    points: 10,
    title: { es: '«web» ya no existe', en: '"web" is gone' },
    success: { es: 'web está borrado: su nombre vuelve a estar libre.', en: 'web is removed: its name is free again.' },
    hints: {
      stillRunning: {
        es: 'web sigue en marcha. Páralo con docker stop web y bórralo con docker rm web.',
        en: 'web is still running. Stop it with docker stop web and remove it with docker rm web.',
      },
      stoppedNotRemoved: {
        es: 'web está parado, pero sigue existiendo (míralo en docker ps -a). Bórralo con docker rm web.',
        en: 'web is stopped but still exists (see docker ps -a). Remove it with docker rm web.',
      },
      neverCreated: {
        es: 'No encuentro rastro de ningún contenedor web. Vuelve al primer paso y créalo; después páralo y bórralo.',
        en: 'I find no trace of any web container. Go back to the first step and create it; then stop and remove it.',
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'web');
      if (c) return c.State.Running ? fail('stillRunning') : fail('stoppedNotRemoved');
      return (await containerEvents(ctx, 'web')).some((e) => e.Action === 'destroy') ? pass() : fail('neverCreated');
    },
  }),
  check({
    id: 'web-stopped-cleanly',
    step: 'stop-rm',
    points: 5,
    title: { es: '«web» se paró con docker stop', en: '"web" was stopped with docker stop' },
    success: { es: 'docker stop avisó a nginx con su señal de parada y nginx terminó por su cuenta, con código 0.', en: 'docker stop sent nginx its stop signal and nginx finished on its own, with code 0.' },
    hints: {
      notStopped: {
        es: 'web no se ha parado todavía: usa docker stop web.',
        en: 'web has not been stopped yet: use docker stop web.',
      },
      stopTimedOut: {
        es: 'docker stop esperó 10 segundos, web no terminó y Docker lo mató (código {code}). Pasa cuando el proceso principal no atiende la señal de parada, por ejemplo si aún estaba arrancando. Crea otro web, espera a que sirva la página y páralo con docker stop web.',
        en: 'docker stop waited 10 seconds, web did not finish and Docker killed it (code {code}). It happens when the main process ignores the stop signal, for instance while it is still starting. Create another web, wait until it serves the page, and stop it with docker stop web.',
      },
      killed: {
        es: 'web terminó con el código {code}: lo mataron sin dejarle terminar (docker rm -f y docker kill envían SIGKILL). Crea otro web, y esta vez páralo con docker stop web antes de docker rm web.',
        en: 'web ended with code {code}: it was killed without a chance to finish (docker rm -f and docker kill send SIGKILL). Create another web, and this time stop it with docker stop web before docker rm web.',
      },
    },
    async run(ctx) {
      const events = await containerEvents(ctx, 'web');
      const c = await container(ctx, 'web');
      // The latest container called web: the one that exists, or the last one destroyed.
      const id = c?.Id ?? events.filter((e) => e.Action === 'destroy').at(-1)?.Actor.ID;
      if (!id) return fail('notStopped');
      const of = (action: string): typeof events => events.filter((e) => e.Action === action && e.Actor.ID === id);
      const died = of('die').at(-1);
      const stopped = of('stop').length > 0;
      if (!died) {
        // Removed while running (rm -f: SIGKILL, exit 137) — its die event may trail the destroy.
        return of('destroy').length > 0 && !stopped ? fail('killed', { code: 137 }) : fail('notStopped');
      }
      const code = died.Actor.Attributes.exitCode ?? '';
      if (code === '0') return pass();
      // `docker stop` leaves a stop event (after its grace period ran out); rm -f and kill do not.
      return stopped ? fail('stopTimedOut', { code }) : fail('killed', { code });
    },
  }),
  check({
    id: 'clean',
    step: 'stop-rm',
    points: 5,
    title: { es: 'No quedan contenedores de esta lección', en: 'No containers of this lesson are left' },
    success: { es: 'Todo limpio: ni reloj, ni saludo, ni breve.', en: 'All clean: no reloj, no saludo, no breve.' },
    hints: {
      left: {
        es: 'Aún quedan contenedores de esta lección: {names}. Bórralos con docker rm -f {names}.',
        en: 'Some containers of this lesson are still there: {names}. Remove them with docker rm -f {names}.',
      },
    },
    async run(ctx) {
      const names = new Set((await containers(ctx, { all: true })).map(nameOf));
      const left = ['reloj', 'saludo', 'breve'].filter((n) => names.has(n));
      return left.length === 0 ? pass() : fail('left', { names: left.join(' ') });
    },
  }),
]);
