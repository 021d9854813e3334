// Lesson 06's checks: the last docker build as the CLI received it
// (ctx.lastBuild: its steps and which of them said `Using cache`) — a
// rebuild served whole from the cache, a change at the end that rebuilds
// only the end, a change at the top that rebuilds everything after it, and
// the dependencies' install taken from the cache while the code's COPY is
// rebuilt, with the manifest copied alone before it; then, through the
// Engine API, the container tienda running the image the name tienda has
// now (not an older build), published on 8066, after replacing an older one.
import type { BuildRecord, BuildStep } from '../kit/builds.ts';
import { cacheSummary } from '../kit/builds.ts';
import { check, defineChecks, fail, pass, type CheckContext, type Outcome } from '../kit/checks.ts';
import { container, containerEvents, image, publishedPort } from '../kit/reads.ts';

const BUILD = 'docker build -t tienda tienda';
const RUN = 'docker run -d --name tienda -p 8066:3000 tienda';
const MANIFEST = 'paquetes.txt';

type BuildHint = 'noBuild' | 'otherImage' | 'untagged' | 'failed' | 'noCache';

/** The hints every build check shares: no build yet, another image, a failed build, --no-cache. */
const buildHints = {
  noBuild: {
    es: `Todavía no has construido nada. Construye la imagen: ${BUILD}`,
    en: `You have not built anything yet. Build the image: ${BUILD}`,
  },
  otherImage: {
    es: `La última construcción fue la de {tags}, no la de tienda. Construye tienda: ${BUILD}`,
    en: `The last build was {tags}'s, not tienda's. Build tienda: ${BUILD}`,
  },
  untagged: {
    es: `La última construcción no le puso nombre a la imagen: falta -t tienda. Construye: ${BUILD}`,
    en: `The last build did not name the image: -t tienda is missing. Build: ${BUILD}`,
  },
  failed: {
    es: `La última construcción de tienda falló: {error}. Corrige el Dockerfile y vuelve a construir: ${BUILD}`,
    en: `The last build of tienda failed: {error}. Fix the Dockerfile and build again: ${BUILD}`,
  },
  noCache: {
    es: `La última construcción usó --no-cache, que se salta la caché y lo rehace todo. Construye sin esa opción: ${BUILD}`,
    en: `The last build used --no-cache, which skips the cache and redoes everything. Build without that option: ${BUILD}`,
  },
};

/** `tienda`, `tienda:latest`, `docker.io/library/tienda:latest`: all name tienda:latest. */
const isTienda = (tag: string): boolean => /^(docker\.io\/(library\/)?)?tienda(:latest)?$/.test(tag);

/** The last build when it was a successful, cache-using build of tienda; else the outcome to fail with. */
function tiendaBuild(ctx: CheckContext): BuildRecord | Outcome<BuildHint> {
  const b = ctx.lastBuild;
  if (!b) return fail('noBuild');
  if (b.tags.length === 0) return fail('untagged');
  if (!b.tags.some(isTienda)) return fail('otherImage', { tags: b.tags.join(', ') });
  if (b.error !== null || !b.complete || !b.imageId) return fail('failed', { error: b.error ?? '^C' });
  if (b.noCache) return fail('noCache');
  return b;
}

const isRecord = (x: BuildRecord | Outcome<BuildHint>): x is BuildRecord => 'steps' in x;
/** The steps that could come from the cache (all but FROM), in order. */
const cacheable = (b: BuildRecord): BuildStep[] => [...cacheSummary(b).hits, ...cacheSummary(b).misses].sort((x, y) => x.index - y.index);

/** The sources of a `COPY`/`ADD` step as printed (`COPY --chown=1 a b ./` → ['a', 'b']; JSON form too). */
function copySources(instruction: string): string[] {
  const rest = instruction.replace(/^(COPY|ADD)\s+/i, '').trim();
  let words: string[];
  if (rest.startsWith('[')) {
    try { words = JSON.parse(rest) as string[]; } catch { words = rest.split(/\s+/); }
  } else {
    words = rest.split(/\s+/).filter((w) => !w.startsWith('--'));
  }
  return words.slice(0, -1).map((w) => w.replace(/^(\.\/)+/, ''));
}

export default defineChecks([
  check({
    id: 'twice-cached',
    step: 'twice',
    points: 10,
    title: { es: 'Una construcción de tienda servida entera por la caché', en: 'A build of tienda served entirely from the cache' },
    success: {
      es: 'Nada cambió, así que cada paso salió de la caché (Using cache) y la imagen es la misma que la vez anterior.',
      en: 'Nothing changed, so every step came from the cache (Using cache) and the image is the same as last time.',
    },
    hints: {
      ...buildHints,
      notTwice: {
        es: 'En la última construcción se ejecutaron {built} de {total} pasos: es normal la primera vez, cuando la caché aún no tiene nada. Construye otra vez sin cambiar nada: ' + BUILD,
        en: 'The last build ran {built} of {total} steps: normal the first time, when the cache holds nothing yet. Build again without changing anything: ' + BUILD,
      },
    },
    run(ctx) {
      const b = tiendaBuild(ctx);
      if (!isRecord(b)) return b;
      const { hits, misses } = cacheSummary(b);
      return misses.length === 0 ? pass() : fail('notTwice', { built: misses.length, total: hits.length + misses.length });
    },
  }),
  check({
    id: 'last-line-only',
    step: 'last-line',
    points: 15,
    title: { es: 'Un cambio al final rehace solo el final', en: 'A change at the end redoes only the end' },
    success: {
      es: 'Solo se construyó la última instrucción: todo lo de arriba tenía el mismo padre y la misma instrucción, y salió de la caché.',
      en: 'Only the last instruction was built: everything above had the same parent and the same instruction, and came from the cache.',
    },
    hints: {
      ...buildHints,
      allCached: {
        es: 'En la última construcción todo salió de la caché: no había ningún cambio. Añade el HEALTHCHECK al final de tienda/Dockerfile, guarda y construye: ' + BUILD,
        en: 'In the last build everything came from the cache: there was no change. Add the HEALTHCHECK at the end of tienda/Dockerfile, save and build: ' + BUILD,
      },
      earlierMiss: {
        es: 'La reconstrucción empezó en «{step}», no en la última línea: cambiaste algo más arriba (o un fichero que copia COPY). Deja el resto del Dockerfile como estaba, construye una vez para que la caché lo tenga y añade solo la última línea.',
        en: 'The rebuild started at "{step}", not at the last line: something above it changed (or a file COPY copies). Leave the rest of the Dockerfile as it was, build once so that the cache has it, and add only the last line.',
      },
    },
    run(ctx) {
      const b = tiendaBuild(ctx);
      if (!isRecord(b)) return b;
      const steps = cacheable(b);
      const first = steps.findIndex((s) => !s.cached);
      if (first < 0) return fail('allCached');
      return first === steps.length - 1 ? pass() : fail('earlierMiss', { step: steps[first]!.instruction });
    },
  }),
  check({
    id: 'first-line-all',
    step: 'first-line',
    points: 15,
    title: { es: 'Un cambio al principio rehace todo lo que sigue', en: 'A change at the top redoes everything after it' },
    success: {
      es: 'El primer paso cambió, y con él el padre de todos los demás: ninguno pudo salir de la caché.',
      en: 'The first step changed, and with it the parent of all the others: none could come from the cache.',
    },
    hints: {
      ...buildHints,
      allCached: {
        es: 'En la última construcción todo salió de la caché: no había ningún cambio. Añade ENV NODE_ENV=production justo después de FROM, guarda y construye: ' + BUILD,
        en: 'In the last build everything came from the cache: there was no change. Add ENV NODE_ENV=production right after FROM, save and build: ' + BUILD,
      },
      notFromTop: {
        es: 'La reconstrucción empezó en «{step}», no justo después de FROM: el cambio no estaba al principio. Pon ENV NODE_ENV=production como segunda línea, detrás de FROM, y construye: ' + BUILD,
        en: 'The rebuild started at "{step}", not right after FROM: the change was not at the top. Put ENV NODE_ENV=production as the second line, after FROM, and build: ' + BUILD,
      },
    },
    run(ctx) {
      const b = tiendaBuild(ctx);
      if (!isRecord(b)) return b;
      const steps = cacheable(b);
      const first = steps.findIndex((s) => !s.cached);
      if (first < 0) return fail('allCached');
      return first === 0 ? pass() : fail('notFromTop', { step: steps[first]!.instruction });
    },
  }),
  check({
    id: 'deps-cached',
    step: 'order',
    points: 20,
    title: { es: 'Código nuevo, dependencias de la caché', en: 'New code, dependencies from the cache' },
    success: {
      es: 'Cambiaste el código y los paquetes salieron de la caché: paquetes.txt se copia solo y antes, así que el RUN apk add no depende de server.js.',
      en: 'You changed the code and the packages came from the cache: paquetes.txt is copied alone and first, so RUN apk add does not depend on server.js.',
    },
    hints: {
      ...buildHints,
      noInstall: {
        es: 'La última construcción de tienda no tiene ningún paso RUN apk add. Copia la versión del paso en tienda/Dockerfile y construye: ' + BUILD,
        en: 'The last build of tienda has no RUN apk add step. Copy the step\'s version into tienda/Dockerfile and build: ' + BUILD,
      },
      sourceFirst: {
        es: '«{copy}» va antes de RUN apk add: cualquier cambio en el código cambia lo que copia y obliga a reinstalar los paquetes. Copia primero solo paquetes.txt (COPY paquetes.txt .), instala, y después COPY . . como en la versión del paso; luego construye: ' + BUILD,
        en: '"{copy}" comes before RUN apk add: any change in the code changes what it copies and forces the packages to be installed again. Copy only paquetes.txt first (COPY paquetes.txt .), install, and then COPY . . as in the step\'s version; then build: ' + BUILD,
      },
      depsRebuilt: {
        es: 'El orden es bueno, pero en la última construcción RUN apk add se ejecutó: es lo normal la primera vez tras cambiar el orden (o si cambió paquetes.txt). Ahora cambia el mensaje de server.js y vuelve a construir: ' + BUILD,
        en: 'The order is right, but in the last build RUN apk add ran: that is normal the first time after changing the order (or if paquetes.txt changed). Now change the message in server.js and build again: ' + BUILD,
      },
      codeUnchanged: {
        es: 'En la última construcción no se rehízo nada después de instalar los paquetes: el código no había cambiado. Cambia el mensaje de server.js, guarda y construye: ' + BUILD,
        en: 'In the last build nothing after the package install was redone: the code had not changed. Change the message in server.js, save and build: ' + BUILD,
      },
    },
    run(ctx) {
      const b = tiendaBuild(ctx);
      if (!isRecord(b)) return b;
      const steps = b.steps;
      const at = steps.findIndex((s) => /^RUN\s.*\bapk\s+(\S+\s+)*add\b/.test(s.instruction));
      if (at < 0) return fail('noInstall');
      const before = steps.slice(0, at).find((s) => /^(COPY|ADD)\s/i.test(s.instruction) && copySources(s.instruction).some((src) => src !== MANIFEST));
      if (before) return fail('sourceFirst', { copy: before.instruction });
      if (!steps[at]!.cached) return fail('depsRebuilt');
      const codeRebuilt = steps.slice(at + 1).some((s) => /^(COPY|ADD)\s/i.test(s.instruction) && !s.cached);
      return codeRebuilt ? pass() : fail('codeUnchanged');
    },
  }),
  check({
    id: 'tienda-current',
    step: 'run',
    points: 15,
    title: { es: 'El contenedor tienda ejecuta la última construcción', en: 'The tienda container runs the latest build' },
    success: {
      es: 'tienda ejecuta la imagen que ahora se llama tienda: al reconstruir, sustituiste el contenedor.',
      en: 'tienda runs the image now called tienda: after rebuilding, you replaced the container.',
    },
    hints: {
      missing: {
        es: `No hay ningún contenedor llamado tienda. Arráncalo: ${RUN}`,
        en: `There is no container called tienda. Start it: ${RUN}`,
      },
      noImage: {
        es: `No hay ninguna imagen llamada tienda. Constrúyela: ${BUILD}`,
        en: `There is no image called tienda. Build it: ${BUILD}`,
      },
      notRunning: {
        es: `El contenedor tienda no está en marcha (terminó con el código {code}). Míralo con docker logs tienda, bórralo (docker rm tienda) y arráncalo de nuevo: ${RUN}`,
        en: `The tienda container is not running (it ended with code {code}). Look with docker logs tienda, remove it (docker rm tienda) and start it again: ${RUN}`,
      },
      oldImage: {
        es: `El contenedor tienda sigue con una construcción anterior ({old}); el nombre tienda es ahora la imagen {now}. Un contenedor no cambia de imagen: sustitúyelo con docker rm -f tienda y ${RUN}`,
        en: `The tienda container still runs an older build ({old}); the name tienda is now image {now}. A container never changes its image: replace it with docker rm -f tienda and ${RUN}`,
      },
      notPublished: {
        es: `tienda no publica su puerto 3000 en el 8066 de la máquina, así que la vista previa no la ve. Sustitúyelo: docker rm -f tienda y ${RUN}`,
        en: `tienda does not publish its port 3000 on the machine's 8066, so the preview cannot see it. Replace it: docker rm -f tienda and ${RUN}`,
      },
      notReplaced: {
        es: 'tienda ejecuta la última construcción, pero aún no has vivido el problema: con el contenedor en marcha, cambia el mensaje, reconstruye (' + BUILD + '), comprueba que la vista previa no cambia, y sustituye el contenedor con docker rm -f tienda y ' + RUN,
        en: 'tienda runs the latest build, but you have not met the problem yet: with the container running, change the message, rebuild (' + BUILD + '), see that the preview does not change, and replace the container with docker rm -f tienda and ' + RUN,
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'tienda');
      if (!c) return fail('missing');
      const img = await image(ctx, 'tienda');
      if (!img) return fail('noImage');
      if (!c.State.Running) return fail('notRunning', { code: c.State.ExitCode });
      const short = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);
      if (c.Image !== img.Id) return fail('oldImage', { old: short(c.Image), now: short(img.Id) });
      if (publishedPort(c, '3000/tcp') !== '8066') return fail('notPublished');
      const replaced = (await containerEvents(ctx, 'tienda')).some((e) => e.Action === 'destroy' && e.Actor.ID !== c.Id);
      return replaced ? pass() : fail('notReplaced');
    },
  }),
]);
