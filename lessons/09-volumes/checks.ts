// Lesson 09's checks, read from the engine: apunte's writable layer (GET
// /containers/{id}/changes) kept across a stop and a start (its logs), and
// gone with docker rm (a destroy event); the named volume visitas (GET
// /volumes/visitas) mounted at /datos in visita2 (Mounts), whose output
// holds the line a removed container wrote there; the bind mount of the
// workspace's mi-web/ in the nginx container mi-web, published on 8090, and
// nginx serving the edited index.html (its access log against the file's
// size, read as `docker cp` reads it: HEAD /containers/{id}/archive); the
// image's 50x.html hidden by the bind and copied into the empty volume
// contenido; and the cleanup, volumes last.
import { EngineError } from '../../sandbox/index.ts';
import { check, defineChecks, fail, pass, type CheckContext } from '../kit/checks.ts';
import { dockerCalls } from '../kit/commands.ts';
import { container, containerEvents, containers, events, logs, nameOf, nonBlankLines, publishedPort, volume, type ContainerInspect } from '../kit/reads.ts';

const RUN_APUNTE = `docker run --name apunte busybox sh -c 'hostname >> /apunte.txt; cat /apunte.txt'`;
const RUN_VISITA2 = `docker run --name visita2 -v visitas:/datos busybox sh -c 'hostname >> /datos/visitas.txt; cat /datos/visitas.txt'`;
const RUN_MIWEB = 'docker run -d --name mi-web -p 8090:80 -v ./mi-web:/usr/share/nginx/html nginx:alpine';
const RUN_WEB_VOL = 'docker run -d --name web-vol -v contenido:/usr/share/nginx/html nginx:alpine';
const HTML = '/usr/share/nginx/html';
const MIWEB_DIR = '/home/student/mi-web';

/** GET /containers/{id}/changes: Kind 0 changed, 1 added, 2 deleted. */
interface Change { Kind: 0 | 1 | 2; Path: string }


/** The size of a file in a container as `docker cp` sees it (mounts included); null when it is not there. */
async function fileSize(ctx: CheckContext, id: string, path: string): Promise<number | null> {
  try {
    const res = await ctx.client.request('HEAD', `/containers/${id}/archive`, { query: { path } });
    const stat = Object.entries(res.headers).find(([k]) => k.toLowerCase() === 'x-docker-container-path-stat')?.[1];
    return stat ? (JSON.parse(atob(stat)) as { size: number }).size : null;
  } catch (e) {
    if (e instanceof EngineError && e.status === 404) return null;
    throw e;
  }
}

/** The non-empty lines of a text. */
/** A hostname Docker gives by default: 12 hex characters of the ID. */
const SHORT_ID = /^[0-9a-f]{12}$/;
/** An anonymous volume's name. */
const ANONYMOUS = /^[0-9a-f]{64}$/;

/** Was a container whose ID starts with `idPrefix` removed? (its destroy event) */
async function destroyed(ctx: CheckContext, idPrefix: string): Promise<boolean> {
  return (await events(ctx, { type: ['container'], event: ['destroy'] })).some((e) => e.Actor.ID.startsWith(idPrefix));
}

/** The mount of `c` at `target`, if any. */
const mountAt = (c: ContainerInspect, target: string): ContainerInspect['Mounts'][number] | undefined => c.Mounts.find((m) => m.Destination === target);

export default defineChecks([
  check({
    id: 'apunte-layer',
    step: 'writable-layer',
    points: 15,
    title: { es: '«apunte» escribió /apunte.txt en su capa, dos veces', en: '"apunte" wrote /apunte.txt in its layer, twice' },
    success: {
      es: 'El archivo está en la capa escribible de apunte (docker diff: A /apunte.txt) y sobrevivió a parar y volver a arrancar el mismo contenedor.',
      en: 'The file is in apunte\'s writable layer (docker diff: A /apunte.txt) and survived stopping and starting the same container again.',
    },
    hints: {
      missing: {
        es: `No hay ningún contenedor llamado apunte. Créalo con: ${RUN_APUNTE}`,
        en: `There is no container called apunte. Create it with: ${RUN_APUNTE}`,
      },
      noFile: {
        es: `La capa de apunte no tiene /apunte.txt (docker diff apunte no lo lista). Bórralo (docker rm -f apunte) y créalo con la orden de la lección, que escribe ese archivo: ${RUN_APUNTE}`,
        en: `apunte's layer has no /apunte.txt (docker diff apunte does not list it). Remove it (docker rm -f apunte) and create it with the lesson's command, which writes that file: ${RUN_APUNTE}`,
      },
      newContainer: {
        es: 'apunte solo se ha ejecutado una vez: volviste a usar docker run, y cada docker run crea un contenedor nuevo con una capa escribible vacía. Para repetir el mismo contenedor, arráncalo: docker start -a apunte',
        en: 'apunte has only run once: you used docker run again, and every docker run creates a new container with an empty writable layer. To run the same container again, start it: docker start -a apunte',
      },
      onlyOnce: {
        es: 'apunte solo se ha ejecutado una vez. Vuelve a arrancar el mismo contenedor con docker start -a apunte y verás dos líneas: su capa sigue ahí.',
        en: 'apunte has only run once. Start the same container again with docker start -a apunte and you will see two lines: its layer is still there.',
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'apunte');
      if (!c) return fail('missing');
      const changes = await ctx.client.json<Change[] | null>('GET', `/containers/${c.Id}/changes`);
      if (!(changes ?? []).some((ch) => ch.Kind === 1 && ch.Path === '/apunte.txt')) return fail('noFile');
      const out = nonBlankLines((await logs(ctx, 'apunte'))?.stdout ?? '');
      // Each run appends its hostname and prints the file: 1 line, then 2 more.
      if (out.length >= 3) return pass();
      const runs = dockerCalls(ctx.commands).filter((d) => d.verb === 'run' && d.rest.some((w) => w.includes('/apunte.txt'))).length;
      return runs >= 2 ? fail('newContainer') : fail('onlyOnce');
    },
  }),
  check({
    id: 'apunte-removed',
    step: 'named-volume',
    points: 5,
    title: { es: '«apunte» borrado, con su capa', en: '"apunte" removed, with its layer' },
    success: { es: 'Con docker rm, la capa escribible de apunte y su /apunte.txt desaparecieron.', en: 'With docker rm, apunte\'s writable layer and its /apunte.txt are gone.' },
    hints: {
      stillThere: {
        es: 'apunte todavía existe (míralo en docker ps -a). Bórralo con docker rm apunte y busca su archivo desde un contenedor nuevo: docker run --rm busybox cat /apunte.txt',
        en: 'apunte still exists (see docker ps -a). Remove it with docker rm apunte and look for its file from a new container: docker run --rm busybox cat /apunte.txt',
      },
      neverCreated: {
        es: `No encuentro rastro de ningún contenedor apunte. Vuelve al primer paso (${RUN_APUNTE}) y después bórralo con docker rm apunte.`,
        en: `I find no trace of any apunte container. Go back to the first step (${RUN_APUNTE}) and then remove it with docker rm apunte.`,
      },
    },
    async run(ctx) {
      if (await container(ctx, 'apunte')) return fail('stillThere');
      return (await containerEvents(ctx, 'apunte')).some((e) => e.Action === 'destroy') ? pass() : fail('neverCreated');
    },
  }),
  check({
    id: 'visitas-survive',
    step: 'named-volume',
    points: 20,
    title: { es: 'visita2 encuentra en el volumen visitas lo que escribió un contenedor ya borrado', en: 'visita2 finds in the volume visitas what a removed container wrote' },
    success: {
      es: 'Los datos de /datos viven en el volumen, no en la capa del contenedor: sobrevivieron a docker rm y el siguiente contenedor los encontró.',
      en: 'The data in /datos lives in the volume, not in the container\'s layer: it survived docker rm and the next container found it.',
    },
    hints: {
      noVolume: {
        es: 'No existe ningún volumen llamado visitas (docker volume ls). Créalo con docker volume create visitas, o deja que lo cree -v visitas:/datos.',
        en: 'There is no volume called visitas (docker volume ls). Create it with docker volume create visitas, or let -v visitas:/datos create it.',
      },
      missing: {
        es: `No hay ningún contenedor llamado visita2. Después de borrar visita1, créalo con: ${RUN_VISITA2}`,
        en: `There is no container called visita2. After removing visita1, create it with: ${RUN_VISITA2}`,
      },
      notMounted: {
        es: `visita2 no tiene nada montado en /datos: escribió en su propia capa escribible, que se perderá con él. Bórralo (docker rm visita2) y créalo con -v visitas:/datos: ${RUN_VISITA2}`,
        en: `visita2 has nothing mounted at /datos: it wrote into its own writable layer, which will go with it. Remove it (docker rm visita2) and create it with -v visitas:/datos: ${RUN_VISITA2}`,
      },
      anonymous: {
        es: 'En /datos de visita2 hay un volumen anónimo ({name}…), no visitas: con -v /datos, sin nombre, cada docker run recibe un volumen nuevo y vacío. Bórralo (docker rm -v visita2) y créalo con -v visitas:/datos.',
        en: 'visita2 has an anonymous volume at /datos ({name}…), not visitas: with -v /datos, without a name, every docker run gets a new, empty volume. Remove it (docker rm -v visita2) and create it with -v visitas:/datos.',
      },
      otherVolume: {
        es: 'En /datos de visita2 está montado el volumen {name}, no visitas. Bórralo (docker rm visita2) y créalo con -v visitas:/datos.',
        en: 'visita2 has the volume {name} mounted at /datos, not visitas. Remove it (docker rm visita2) and create it with -v visitas:/datos.',
      },
      bind: {
        es: 'En /datos de visita2 hay un bind mount de la carpeta {source}, no el volumen visitas: a la izquierda de -v, una ruta (con / o ./) es una carpeta tuya y un nombre es un volumen. Bórralo (docker rm visita2) y usa -v visitas:/datos.',
        en: 'visita2 has a bind mount of the folder {source} at /datos, not the volume visitas: on the left of -v, a path (with / or ./) is a folder of yours and a name is a volume. Remove it (docker rm visita2) and use -v visitas:/datos.',
      },
      alone: {
        es: 'visita2 solo encontró su propia línea: el volumen visitas estaba vacío cuando arrancó. Ejecuta primero visita1 con -v visitas:/datos, bórralo, y después vuelve a crear visita2 (docker rm visita2 antes).',
        en: 'visita2 found only its own line: the volume visitas was empty when it started. First run visita1 with -v visitas:/datos, remove it, and then create visita2 again (docker rm visita2 first).',
      },
      writerStillThere: {
        es: 'visita2 encontró la línea de {name}, pero {name} todavía existe. Bórralo (docker rm {name}): la gracia es ver que los datos sobreviven a su contenedor.',
        en: 'visita2 found {name}\'s line, but {name} still exists. Remove it (docker rm {name}): the point is to see the data outlive its container.',
      },
    },
    async run(ctx) {
      if (!(await volume(ctx, 'visitas'))) return fail('noVolume');
      const c = await container(ctx, 'visita2');
      if (!c) return fail('missing');
      const m = mountAt(c, '/datos');
      if (!m) return fail('notMounted');
      if (m.Type === 'bind') return fail('bind', { source: m.Source });
      if (m.Name !== 'visitas') return ANONYMOUS.test(m.Name ?? '') ? fail('anonymous', { name: (m.Name ?? '').slice(0, 12) }) : fail('otherVolume', { name: m.Name ?? '' });
      const own = (c.Config as ContainerInspect['Config'] & { Hostname?: string }).Hostname ?? c.Id.slice(0, 12);
      const others = [...new Set(nonBlankLines((await logs(ctx, 'visita2'))?.stdout ?? '').filter((l) => l !== own && SHORT_ID.test(l)))];
      if (others.length === 0) return fail('alone');
      for (const host of others) if (await destroyed(ctx, host)) return pass();
      const writers = (await containers(ctx, { all: true })).filter((s) => others.some((h) => s.Id.startsWith(h)));
      return fail('writerStillThere', { name: writers[0] ? nameOf(writers[0]) : others[0]! });
    },
  }),
  check({
    id: 'mi-web-bind',
    step: 'bind-mount',
    points: 15,
    title: { es: '«mi-web»: nginx con tu carpeta mi-web/ montada, en el puerto 8090', en: '"mi-web": nginx with your mi-web/ folder mounted, on port 8090' },
    success: { es: 'Dentro de mi-web, /usr/share/nginx/html es tu carpeta mi-web/: un bind mount.', en: 'Inside mi-web, /usr/share/nginx/html is your mi-web/ folder: a bind mount.' },
    hints: {
      missing: {
        es: `No hay ningún contenedor llamado mi-web. Créalo con: ${RUN_MIWEB}`,
        en: `There is no container called mi-web. Create it with: ${RUN_MIWEB}`,
      },
      notRunning: {
        es: `mi-web no está en marcha (Exited ({code})) {error}. Bórralo (docker rm mi-web) y vuelve a crearlo: ${RUN_MIWEB}`,
        en: `mi-web is not running (Exited ({code})) {error}. Remove it (docker rm mi-web) and create it again: ${RUN_MIWEB}`,
      },
      noMount: {
        es: `mi-web no tiene nada montado en ${HTML}, así que nginx sirve los archivos de su imagen. Bórralo (docker rm -f mi-web) y créalo con -v ./mi-web:${HTML}.`,
        en: `mi-web has nothing mounted at ${HTML}, so nginx serves its image's files. Remove it (docker rm -f mi-web) and create it with -v ./mi-web:${HTML}.`,
      },
      namedVolume: {
        es: `En ${HTML} de mi-web hay un volumen llamado {name}, no tu carpeta: sin ./ delante, -v {name}:… crea un volumen con ese nombre. Bórralo (docker rm -f mi-web; docker volume rm {name}) y usa una ruta: -v ./mi-web:${HTML}`,
        en: `mi-web has a volume called {name} at ${HTML}, not your folder: without ./ in front, -v {name}:… makes a volume with that name. Remove it (docker rm -f mi-web; docker volume rm {name}) and use a path: -v ./mi-web:${HTML}`,
      },
      wrongSource: {
        es: `mi-web monta la carpeta {source}, no ${MIWEB_DIR}, que es donde está tu index.html. Bórralo (docker rm -f mi-web) y créalo desde tu carpeta de trabajo con -v ./mi-web:${HTML}.`,
        en: `mi-web mounts the folder {source}, not ${MIWEB_DIR}, where your index.html is. Remove it (docker rm -f mi-web) and create it from your workspace with -v ./mi-web:${HTML}.`,
      },
      wrongTarget: {
        es: `mi-web monta tu carpeta en {target}, pero nginx sirve ${HTML}. Bórralo (docker rm -f mi-web) y usa -v ./mi-web:${HTML}.`,
        en: `mi-web mounts your folder at {target}, but nginx serves ${HTML}. Remove it (docker rm -f mi-web) and use -v ./mi-web:${HTML}.`,
      },
      notPublished: {
        es: 'mi-web no publica el puerto 80 de nginx en el 8090 de tu máquina, y la vista previa no puede llegar a él. Bórralo (docker rm -f mi-web) y créalo con -p 8090:80.',
        en: 'mi-web does not publish nginx\'s port 80 on your machine\'s 8090, so the preview cannot reach it. Remove it (docker rm -f mi-web) and create it with -p 8090:80.',
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'mi-web');
      if (!c) return fail('missing');
      const m = mountAt(c, HTML);
      const bind = c.Mounts.find((x) => x.Type === 'bind');
      if (!m) return bind ? fail('wrongTarget', { target: bind.Destination }) : fail('noMount');
      if (m.Type === 'volume') return fail('namedVolume', { name: m.Name ?? '' });
      if (m.Source !== MIWEB_DIR) return fail('wrongSource', { source: m.Source });
      if (!c.State.Running) return fail('notRunning', { code: c.State.ExitCode, error: c.State.Error ? `: ${c.State.Error}` : '' });
      return publishedPort(c, '80/tcp') === '8090' ? pass() : fail('notPublished');
    },
  }),
  check({
    id: 'mi-web-live',
    step: 'bind-mount',
    points: 15,
    title: { es: 'nginx sirvió tu index.html editado, sin recrear el contenedor', en: 'nginx served your edited index.html, without recreating the container' },
    success: {
      es: 'Editaste el archivo en tu carpeta y nginx sirvió la versión nueva al momento: a través del bind mount, el contenedor ve tus archivos tal como están.',
      en: 'You edited the file in your folder and nginx served the new version at once: through the bind mount, the container sees your files as they are.',
    },
    hints: {
      missing: {
        es: `No hay ningún contenedor llamado mi-web. Créalo con: ${RUN_MIWEB}`,
        en: `There is no container called mi-web. Create it with: ${RUN_MIWEB}`,
      },
      noFile: {
        es: `mi-web no encuentra ${HTML}/index.html. ¿Sigue existiendo mi-web/index.html en tu espacio de trabajo? Vuelve a crearlo desde el editor con el bloque de la lección.`,
        en: `mi-web cannot find ${HTML}/index.html. Is mi-web/index.html still in your workspace? Create it again from the editor with the lesson's block.`,
      },
      notVisited: {
        es: 'nginx aún no ha servido tu página. Abre la pestaña Vista previa en el puerto 8090.',
        en: 'nginx has not served your page yet. Open the Preview tab on port 8090.',
      },
      notEdited: {
        es: 'nginx solo ha servido una versión de la página. Copia al editor el bloque nuevo de mi-web/index.html (o cámbialo tú) y pulsa Recargar en la vista previa.',
        en: 'nginx has only served one version of the page. Copy the new mi-web/index.html block to the editor (or change it yourself) and press Reload in the preview.',
      },
      notReloaded: {
        es: 'Has cambiado mi-web/index.html, pero desde entonces nadie ha pedido la página. Pulsa Recargar en la vista previa (puerto 8090).',
        en: 'You changed mi-web/index.html, but nobody has asked for the page since. Press Reload in the preview (port 8090).',
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'mi-web');
      if (!c) return fail('missing');
      const size = await fileSize(ctx, c.Id, `${HTML}/index.html`);
      if (size === null) return fail('noFile');
      // nginx's access log: "GET / HTTP/1.1" 200 <bytes sent>.
      const served = [...((await logs(ctx, 'mi-web'))?.stdout ?? '').matchAll(/"GET \/(?:index\.html)?(?:\?\S*)? HTTP\/1\.[01]" 200 (\d+) /g)].map((m) => Number(m[1]));
      if (served.length === 0) return fail('notVisited');
      if (new Set(served).size < 2) return served.at(-1) === size ? fail('notEdited') : fail('notReloaded');
      return served.at(-1) === size ? pass() : fail('notReloaded');
    },
  }),
  check({
    id: 'hidden-seen',
    step: 'mount-hides',
    points: 5,
    title: { es: 'Has comparado /usr/share/nginx/html con y sin montaje', en: 'You compared /usr/share/nginx/html with and without a mount' },
    success: { es: 'Sin montaje, la imagen trae 50x.html; en mi-web, tu carpeta lo tapa.', en: 'Without a mount the image has 50x.html; in mi-web, your folder hides it.' },
    hints: {
      noImageLook: {
        es: `Mira primero qué trae la imagen en esa ruta, en un contenedor sin montajes: docker run --rm nginx:alpine ls ${HTML}`,
        en: `First look at what the image has at that path, in a container without mounts: docker run --rm nginx:alpine ls ${HTML}`,
      },
      noExec: {
        es: `Ahora mira la misma ruta dentro de mi-web, donde está tu carpeta montada: docker exec mi-web ls ${HTML}`,
        en: `Now look at the same path inside mi-web, where your folder is mounted: docker exec mi-web ls ${HTML}`,
      },
    },
    run(ctx) {
      const calls = dockerCalls(ctx.commands);
      const lists = (rest: string[]): boolean => rest.includes('ls') && rest.some((w) => w.replace(/\/$/, '') === HTML);
      const imageLook = calls.some((d) => d.verb === 'run' && d.rest.some((w) => w.startsWith('nginx')) && !d.rest.some((w) => w === '-v' || w.startsWith('--volume') || w.startsWith('--mount')) && lists(d.rest));
      if (!imageLook) return fail('noImageLook');
      return calls.some((d) => d.verb === 'exec' && d.rest.includes('mi-web') && lists(d.rest)) ? pass() : fail('noExec');
    },
  }),
  check({
    id: 'contenido-seeded',
    step: 'mount-hides',
    points: 15,
    title: { es: 'El volumen vacío contenido se llenó con los archivos de nginx', en: 'The empty volume contenido was filled with nginx\'s files' },
    success: {
      es: 'Al montar un volumen con nombre vacío, Docker copió en él lo que la imagen tenía en esa ruta (50x.html e index.html). Un bind mount nunca hace eso.',
      en: 'When an empty named volume is mounted, Docker copies into it what the image had at that path (50x.html and index.html). A bind mount never does that.',
    },
    hints: {
      missing: {
        es: `No hay ningún contenedor llamado web-vol. Créalo con: ${RUN_WEB_VOL}`,
        en: `There is no container called web-vol. Create it with: ${RUN_WEB_VOL}`,
      },
      noMount: {
        es: `web-vol no tiene nada montado en ${HTML}. Bórralo (docker rm -f web-vol) y créalo con -v contenido:${HTML}: ${RUN_WEB_VOL}`,
        en: `web-vol has nothing mounted at ${HTML}. Remove it (docker rm -f web-vol) and create it with -v contenido:${HTML}: ${RUN_WEB_VOL}`,
      },
      bind: {
        es: `En web-vol montaste la carpeta {source} (un bind mount, por la ruta), no un volumen: tapa los archivos de nginx y nadie la llena. Bórralo (docker rm -f web-vol) y usa un nombre: -v contenido:${HTML}`,
        en: `In web-vol you mounted the folder {source} (a bind mount, because of the path), not a volume: it hides nginx's files and nothing fills it. Remove it (docker rm -f web-vol) and use a name: -v contenido:${HTML}`,
      },
      otherVolume: {
        es: `web-vol monta el volumen {name}, no contenido. Bórralo (docker rm -f web-vol) y créalo con -v contenido:${HTML}.`,
        en: `web-vol mounts the volume {name}, not contenido. Remove it (docker rm -f web-vol) and create it with -v contenido:${HTML}.`,
      },
      notSeeded: {
        es: 'El volumen contenido no tiene el 50x.html de nginx: ya tenía archivos cuando lo montaste, y Docker solo copia los de la imagen en un volumen vacío. Bórralo todo (docker rm -f web-vol; docker volume rm contenido) y vuelve a crear web-vol.',
        en: 'The volume contenido does not have nginx\'s 50x.html: it already had files when you mounted it, and Docker only copies the image\'s files into an empty volume. Remove everything (docker rm -f web-vol; docker volume rm contenido) and create web-vol again.',
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'web-vol');
      if (!c) return fail('missing');
      const m = mountAt(c, HTML);
      if (!m) return fail('noMount');
      if (m.Type === 'bind') return fail('bind', { source: m.Source });
      if (m.Name !== 'contenido') return fail('otherVolume', { name: m.Name ?? '' });
      return (await fileSize(ctx, c.Id, `${HTML}/50x.html`)) !== null ? pass() : fail('notSeeded');
    },
  }),
  check({
    id: 'volumes-removed',
    step: 'cleanup',
    points: 10,
    title: { es: 'Contenedores y volúmenes de la lección borrados', en: 'The lesson\'s containers and volumes removed' },
    success: { es: 'Todo limpio. Tu carpeta mi-web/ sigue en tu espacio de trabajo: un bind mount no es de Docker.', en: 'All clean. Your mi-web/ folder is still in your workspace: a bind mount does not belong to Docker.' },
    hints: {
      inUse: {
        es: 'El volumen {volume} sigue ahí porque {name} lo usa: docker volume rm no borra un volumen montado en un contenedor, aunque esté parado. Borra primero los contenedores (docker rm -f {names}) y después los volúmenes (docker volume rm {volumes}).',
        en: 'The volume {volume} is still there because {name} uses it: docker volume rm does not remove a volume mounted in a container, even a stopped one. Remove the containers first (docker rm -f {names}) and then the volumes (docker volume rm {volumes}).',
      },
      containersLeft: {
        es: 'Aún quedan contenedores de la lección: {names}. Bórralos con docker rm -f {names}.',
        en: 'Some of the lesson\'s containers are still there: {names}. Remove them with docker rm -f {names}.',
      },
      volumesLeft: {
        es: 'Los contenedores ya no están, pero sus volúmenes sí: {volumes}. docker rm nunca borra un volumen con nombre. Bórralos con docker volume rm {volumes}.',
        en: 'The containers are gone, but their volumes are not: {volumes}. docker rm never removes a named volume. Remove them with docker volume rm {volumes}.',
      },
    },
    async run(ctx) {
      const all = await containers(ctx, { all: true });
      const names = new Set(all.map(nameOf));
      const left = ['mi-web', 'web-vol', 'visita1', 'visita2'].filter((n) => names.has(n));
      const volumes: string[] = [];
      for (const v of ['visitas', 'contenido']) if (await volume(ctx, v)) volumes.push(v);
      if (volumes.length > 0 && left.length > 0) {
        for (const v of volumes) {
          for (const n of left) {
            const c = await container(ctx, n);
            if (c?.Mounts.some((m) => m.Name === v)) return fail('inUse', { volume: v, name: n, names: left.join(' '), volumes: volumes.join(' ') });
          }
        }
      }
      if (left.length > 0) return fail('containersLeft', { names: left.join(' ') });
      return volumes.length > 0 ? fail('volumesLeft', { volumes: volumes.join(' ') }) : pass();
    },
  }),
]);
