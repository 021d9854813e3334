// Lesson 06's checks: the last docker build as the CLI received it
// (ctx.lastBuild: its steps and which of them said `Using cache`) — a
// rebuild served whole from the cache, a change at the end that rebuilds
// only the end, a change at the top that rebuilds everything after it, and
// the npm install (`RUN npm ci`, or npm install) taken from the cache while
// the code's COPY is rebuilt, with package.json and package-lock.json copied
// alone before it (and no node_modules brought in from the context: read in
// the image's layers); then, through the Engine API, the container tienda
// running the image the name tienda has now (not an older build), published
// on 8066, after replacing an older one.
import type { BuildRecord, BuildStep } from '../kit/builds.ts';
import { cacheSummary } from '../kit/builds.ts';
import { check, defineChecks, fail, pass, type CheckContext, type Outcome } from '../kit/checks.ts';
import { imageLayers } from '../kit/layers.ts';
import { container, containerEvents, image, publishedPort } from '../kit/reads.ts';

const BUILD = 'docker build -t tienda tienda';
const RUN = 'docker run -d --name tienda -p 8066:3000 tienda';
/** npm run where the playground has it: in a container, with tienda/ mounted (the host has no Node). */
const NPM_INSTALL = 'docker run --rm -v "$PWD/tienda":/app -w /app node:22-alpine npm install';
const LOCK = 'package-lock.json';
/** npm's manifest and lock: what the install needs. */
const MANIFESTS = ['package.json', LOCK];
/** The other names in tienda/ (or that the lesson puts there): copying any of them is copying the code. */
const OTHERS = ['server.js', 'node_modules', 'npm-debug.log', 'Dockerfile', '.dockerignore'];

type BuildHint = 'noBuild' | 'otherImage' | 'untagged' | 'lockMissing' | 'ciRefused' | 'failed' | 'noCache';

/** The hints every build check shares: no build yet, another image, a failed build (npm ci's two refusals first), --no-cache. */
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
  lockMissing: {
    es: `La construcción falló en «{step}»: npm ci necesita package-lock.json y en la imagen aún no está (npm error code EUSAGE). Copia también el lock antes de instalar: COPY package*.json ./ copia package.json y package-lock.json. Luego construye: ${BUILD}`,
    en: `The build failed at "{step}": npm ci needs package-lock.json and the image does not have it yet (npm error code EUSAGE). Copy the lock too before installing: COPY package*.json ./ copies package.json and package-lock.json. Then build: ${BUILD}`,
  },
  ciRefused: {
    es: `La construcción falló en «{step}». Lee el error de npm encima de «returned a non-zero code». Si dice que package.json y package-lock.json no están «in sync» («Missing: … from lock file»), cambiaste package.json sin actualizar el lock: el lock lo escribe npm install, y puedes ejecutarlo en un contenedor, con la carpeta montada: ${NPM_INSTALL} — y después construye otra vez: ${BUILD}`,
    en: `The build failed at "{step}". Read npm's error above "returned a non-zero code". If it says package.json and package-lock.json are not "in sync" ("Missing: … from lock file"), you changed package.json without updating the lock: npm install writes the lock, and you can run it in a container with the folder mounted: ${NPM_INSTALL} — then build again: ${BUILD}`,
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

/** An npm install as a build step: `RUN npm ci`, `RUN npm install`, `RUN npm i --omit=dev`, `RUN ["npm", "ci"]`… (npm's aliases too). */
const INSTALL = /^RUN\s.*?\bnpm["',\s]+(?:-\S+["',\s]+)*["']?(ci|clean-install|ic|install-clean|isntall-clean|install|i|add|in|ins|inst|insta|instal|isnt|isnta|isntal|isntall)(?![\w-])/i;
const isInstall = (s: BuildStep): boolean => INSTALL.test(s.instruction);
const isCi = (s: BuildStep): boolean => /^(ci|clean-install|ic|install-clean|isntall-clean)$/i.test(INSTALL.exec(s.instruction)?.[1] ?? '');

/** A COPY/ADD source pattern as a regular expression over a name in the context (`*`, `?`, `[…]`, as Go's filepath.Match). */
function globRegExp(pattern: string): RegExp {
  const esc = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const end = c === '[' ? pattern.indexOf(']', i + 2) : -1;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (end > 0) {
      const body = pattern.slice(i + 1, end);
      re += `[${/^[!^]/.test(body) ? `^${body.slice(1)}` : body}]`;
      i = end;
    } else if (c === '\\' && i + 1 < pattern.length) re += esc(pattern[++i]!);
    else re += esc(c);
  }
  return new RegExp(`^${re}$`);
}

/** Whether a COPY/ADD source takes `name` from the context (`.`, `./` and `*` take everything). */
function takes(source: string, name: string): boolean {
  const s = source.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  if (s === '' || s === '.') return true;
  try { return globRegExp(s).test(name); } catch { return false; }
}

/** A source that copies more than npm's two files: the code (or something unknown, which counts as code). */
const copiesCode = (source: string): boolean => OTHERS.some((n) => takes(source, n)) || !MANIFESTS.some((n) => takes(source, n));

/**
 * The context sources of a `COPY`/`ADD` step as printed (`COPY --chown=1 a b ./` → ['a', 'b'];
 * the JSON form too); null for other steps and for `--from` (another image, not the context).
 */
function contextSources(instruction: string): string[] | null {
  const m = /^(?:COPY|ADD)\s+([\s\S]*)$/i.exec(instruction.trim());
  if (!m) return null;
  const words = m[1]!.trim().split(/\s+/);
  const flags: string[] = [];
  while (words[0]?.startsWith('--')) flags.push(words.shift()!);
  if (flags.some((f) => /^--from=/i.test(f))) return null;
  const rest = words.join(' ');
  let args = words;
  if (rest.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(rest);
      if (Array.isArray(parsed)) args = parsed.map(String);
    } catch { /* not JSON: the words as they are */ }
  }
  return args.slice(0, -1);
}

/** Whether a COPY/ADD among `steps[0..at)` brings package-lock.json into the image. */
const lockCopiedBefore = (steps: readonly BuildStep[], at: number): boolean =>
  steps.slice(0, at).some((s) => contextSources(s.instruction)?.some((src) => takes(src, LOCK)));

/** The last build when it was a successful, cache-using build of tienda; else the outcome to fail with. */
function tiendaBuild(ctx: CheckContext): BuildRecord | Outcome<BuildHint> {
  const b = ctx.lastBuild;
  if (!b) return fail('noBuild');
  if (b.tags.length === 0) return fail('untagged');
  if (!b.tags.some(isTienda)) return fail('otherImage', { tags: b.tags.join(', ') });
  if (b.error !== null || !b.complete || !b.imageId) {
    const last = b.steps.at(-1);
    if (b.error !== null && last && isInstall(last) && isCi(last)) {
      return fail(lockCopiedBefore(b.steps, b.steps.length - 1) ? 'ciRefused' : 'lockMissing', { step: last.instruction });
    }
    return fail('failed', { error: b.error ?? '^C' });
  }
  if (b.noCache) return fail('noCache');
  return b;
}

const isRecord = (x: BuildRecord | Outcome<BuildHint>): x is BuildRecord => 'steps' in x;
/** The steps that could come from the cache (all but FROM), in order. */
const cacheable = (b: BuildRecord): BuildStep[] => [...cacheSummary(b).hits, ...cacheSummary(b).misses].sort((x, y) => x.index - y.index);

/**
 * Whether the image's code layer carries a node_modules from the context:
 * a layer that adds the app's server.js (in the image's working directory)
 * and files under node_modules/ beside it. npm's own layer adds node_modules
 * without server.js.
 */
async function nodeModulesFromContext(ctx: CheckContext, imageId: string): Promise<boolean> {
  const img = await image(ctx, imageId);
  const layers = img ? await imageLayers(ctx, imageId) : null;
  if (!img || !layers) return false;
  const dir = (img.Config.WorkingDir ?? '').replace(/^\/+/, '').replace(/\/*$/, '/').replace(/^\/$/, '');
  return layers.some((l) => l.entries.some((e) => e.path === `${dir}server.js`) && l.entries.some((e) => e.path.startsWith(`${dir}node_modules/`)));
}

export default defineChecks([
  check({
    id: 'twice-cached',
    step: 'twice',
    points: 10,
    title: { es: 'Una construcción de tienda servida entera por la caché', en: 'A build of tienda served entirely from the cache' },
    success: {
      es: 'Nada cambió, así que cada paso salió de la caché (Using cache), npm ci incluido, y la imagen es la misma que la vez anterior.',
      en: 'Nothing changed, so every step came from the cache (Using cache), npm ci included, and the image is the same as last time.',
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
      es: 'Solo se construyó la última instrucción: todo lo de arriba tenía el mismo padre y la misma instrucción, y salió de la caché, sin reinstalar nada.',
      en: 'Only the last instruction was built: everything above had the same parent and the same instruction, and came from the cache, with nothing installed again.',
    },
    hints: {
      ...buildHints,
      allCached: {
        es: 'En la última construcción todo salió de la caché: no había ningún cambio. Añade el HEALTHCHECK al final de tienda/Dockerfile, guarda y construye: ' + BUILD,
        en: 'In the last build everything came from the cache: there was no change. Add the HEALTHCHECK at the end of tienda/Dockerfile, save and build: ' + BUILD,
      },
      earlierMiss: {
        es: 'La reconstrucción empezó en «{step}», no en la última línea: cambiaste algo más arriba (o un fichero que copia COPY; ¿sigue el Dockerfile en .dockerignore?). Deja el resto como estaba, construye una vez para que la caché lo tenga y añade solo la última línea.',
        en: 'The rebuild started at "{step}", not at the last line: something above it changed (or a file COPY copies; is the Dockerfile still in .dockerignore?). Leave the rest as it was, build once so that the cache has it, and add only the last line.',
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
      es: 'El primer paso cambió, y con él el padre de todos los demás: ninguno pudo salir de la caché, y npm ci volvió a instalarlo todo.',
      en: 'The first step changed, and with it the parent of all the others: none could come from the cache, and npm ci installed everything again.',
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
      es: 'Cambiaste el código y la instalación de npm salió de la caché: package.json y package-lock.json se copian solos y antes, así que las dependencias no dependen de server.js.',
      en: 'You changed the code and the npm install came from the cache: package.json and package-lock.json are copied alone and first, so the dependencies do not depend on server.js.',
    },
    hints: {
      ...buildHints,
      noInstall: {
        es: 'La última construcción de tienda no tiene ningún paso RUN npm ci (ni npm install). Copia la versión del paso en tienda/Dockerfile y construye: ' + BUILD,
        en: 'The last build of tienda has no RUN npm ci step (nor npm install). Copy the step\'s version into tienda/Dockerfile and build: ' + BUILD,
      },
      sourceFirst: {
        es: '«{copy}» va antes de «{install}»: cualquier cambio en el código cambia lo que copia y obliga a reinstalar las dependencias. Copia primero solo package.json y package-lock.json (COPY package*.json ./), instala, y después COPY . . como en la versión del paso; luego construye: ' + BUILD,
        en: '"{copy}" comes before "{install}": any change in the code changes what it copies and forces the dependencies to be installed again. Copy only package.json and package-lock.json first (COPY package*.json ./), install, and then COPY . . as in the step\'s version; then build: ' + BUILD,
      },
      lockIgnored: {
        es: '«{install}» se ejecuta sin package-lock.json en la imagen: npm install resuelve entonces las versiones de nuevo, sin hacer caso del lock, y la imagen puede llevar otras distintas de las que probaste. Copia los dos ficheros antes de instalar (COPY package*.json ./) y usa npm ci, que instala exactamente lo que dice el lock; luego construye: ' + BUILD,
        en: '"{install}" runs without package-lock.json in the image: npm install then resolves the versions again, ignoring the lock, and the image may get other versions than the ones you tested. Copy both files before installing (COPY package*.json ./) and use npm ci, which installs exactly what the lock says; then build: ' + BUILD,
      },
      noCodeCopy: {
        es: 'Después de «{install}» no hay ningún COPY del código: la imagen no tiene server.js. Añade COPY . . detrás de la instalación, como en la versión del paso, y construye: ' + BUILD,
        en: 'After "{install}" there is no COPY of the code: the image has no server.js. Add COPY . . after the install, as in the step\'s version, and build: ' + BUILD,
      },
      depsRebuilt: {
        es: 'El orden es bueno, pero en la última construcción «{install}» se ejecutó: es lo normal la primera vez tras cambiar el orden, o cuando cambian package.json o package-lock.json. Ahora cambia el mensaje de server.js y vuelve a construir: ' + BUILD,
        en: 'The order is right, but in the last build "{install}" ran: that is normal the first time after changing the order, or when package.json or package-lock.json change. Now change the message in server.js and build again: ' + BUILD,
      },
      codeUnchanged: {
        es: 'En la última construcción no se rehízo nada después de instalar las dependencias: el código no había cambiado. Cambia el mensaje de server.js, guarda y construye: ' + BUILD,
        en: 'In the last build nothing after the dependency install was redone: the code had not changed. Change the message in server.js, save and build: ' + BUILD,
      },
      nodeModulesCopied: {
        es: 'El orden y la caché están bien, pero COPY . . ha copiado la carpeta node_modules de tienda/ encima de la que instaló npm en la imagen (docker history tienda: la capa del COPY pesa tanto como la de npm). Vuelve a poner node_modules en tienda/.dockerignore, cambia el mensaje de server.js y construye: ' + BUILD,
        en: 'The order and the cache are right, but COPY . . copied tienda/\'s node_modules folder over the one npm installed in the image (docker history tienda: the COPY layer weighs as much as npm\'s). Put node_modules back in tienda/.dockerignore, change the message in server.js and build: ' + BUILD,
      },
    },
    async run(ctx) {
      const b = tiendaBuild(ctx);
      if (!isRecord(b)) return b;
      const steps = b.steps;
      const at = steps.findIndex(isInstall);
      if (at < 0) return fail('noInstall');
      const install = steps[at]!.instruction;
      const before = steps.slice(0, at).find((s) => contextSources(s.instruction)?.some(copiesCode));
      if (before) return fail('sourceFirst', { copy: before.instruction, install });
      if (!lockCopiedBefore(steps, at)) return fail('lockIgnored', { install });
      const code = steps.slice(at + 1).filter((s) => contextSources(s.instruction)?.some(copiesCode));
      if (code.length === 0) return fail('noCodeCopy', { install });
      if (!steps[at]!.cached) return fail('depsRebuilt', { install });
      if (code.every((s) => s.cached)) return fail('codeUnchanged');
      return (await nodeModulesFromContext(ctx, b.imageId!)) ? fail('nodeModulesCopied') : pass();
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
        es: `El contenedor tienda no está en marcha (terminó con el código {code}). Míralo con docker logs tienda (¿Cannot find module? ¿usa server.js un paquete que no está en package.json?), bórralo (docker rm tienda) y arráncalo de nuevo: ${RUN}`,
        en: `The tienda container is not running (it ended with code {code}). Look with docker logs tienda (Cannot find module? Does server.js use a package that is not in package.json?), remove it (docker rm tienda) and start it again: ${RUN}`,
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
