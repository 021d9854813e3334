// Lesson 05's checks, read from the engine through the Engine API: the
// student reading nginx:alpine's history (the commands typed, their image
// resolved to nginx:alpine's ID); the image herramientas — its RootFS.Layers
// against alpine's (built FROM alpine, how many layers of its own), what its
// layers hold, read from its `docker save` archive (apk's index kept in a
// layer, or only hidden by a later whiteout), and what its final filesystem
// has (curl, the report); and informe, built on top of herramientas sharing
// all of its layers.
import { check, defineChecks, fail, pass, type CheckContext } from '../kit/checks.ts';
import { dockerCalls } from '../kit/commands.ts';
import { finalPaths, imageLayers } from '../kit/layers.ts';
import { image, type ImageInspect } from '../kit/reads.ts';

const BUILD = 'docker build -t herramientas herramientas';
const BUILD_INFORME = 'docker build -t informe informe';
const INDEX = /^var\/cache\/apk\/APKINDEX\./;

const layersOf = (img: ImageInspect): string[] => img.RootFS.Layers ?? [];
/** How many of `img`'s layers, from the bottom, are `base`'s (all of them when it is built on base). */
const sharedPrefix = (img: ImageInspect, base: ImageInspect): number => {
  const a = layersOf(img);
  const b = layersOf(base);
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
};

/** The image `ref` (built FROM alpine) with alpine's layers count, or why not. */
async function onAlpine(ctx: CheckContext, ref: string): Promise<{ img: ImageInspect; base: number } | 'missing' | 'notAlpine'> {
  const img = await image(ctx, ref);
  if (!img) return 'missing';
  const alpine = await image(ctx, 'alpine');
  if (!alpine) throw new Error('the alpine image is missing from the engine');
  const base = layersOf(alpine).length;
  return sharedPrefix(img, alpine) === base ? { img, base } : 'notAlpine';
}

const missingHerramientas = {
  es: `No hay ninguna imagen llamada herramientas. Constrúyela dándole nombre con -t (el último argumento es la carpeta del Dockerfile): ${BUILD}`,
  en: `There is no image called herramientas. Build it, naming it with -t (the last argument is the Dockerfile's folder): ${BUILD}`,
};
const notAlpine = {
  es: 'herramientas no está construida sobre alpine: sus capas de abajo no son las de alpine. Su Dockerfile debe empezar por FROM alpine; corrígelo y vuelve a construir: ' + BUILD,
  en: 'herramientas is not built on alpine: its bottom layers are not alpine\'s. Its Dockerfile must start with FROM alpine; fix it and build again: ' + BUILD,
};

export default defineChecks([
  check({
    id: 'nginx-history',
    step: 'history',
    points: 5,
    title: { es: 'La historia de nginx:alpine, leída', en: 'nginx:alpine\'s history, read' },
    success: {
      es: 'Ya sabes leer una historia: 19 instrucciones, de las que solo 8 (RUN, COPY, ADD) dejaron una capa; el resto solo cambió la configuración.',
      en: 'You can read a history now: 19 instructions, of which only 8 (RUN, COPY, ADD) left a layer; the rest only changed the configuration.',
    },
    hints: {
      notRun: {
        es: 'Aún no has mirado la historia de nginx:alpine. Escribe: docker history nginx:alpine',
        en: 'You have not looked at nginx:alpine\'s history yet. Type: docker history nginx:alpine',
      },
      otherImage: {
        es: 'Has mirado la historia de {image}, pero este paso va de nginx:alpine: docker history nginx:alpine',
        en: 'You looked at the history of {image}, but this step is about nginx:alpine: docker history nginx:alpine',
      },
    },
    async run(ctx) {
      const nginx = await image(ctx, 'nginx:alpine');
      if (!nginx) throw new Error('the nginx:alpine image is missing from the engine');
      let other: string | null = null;
      for (const call of dockerCalls(ctx.commands)) {
        if (call.verb !== 'history') continue;
        const ref = call.rest.filter((w) => !w.startsWith('-')).at(-1);
        if (!ref) continue;
        if ((await image(ctx, ref))?.Id === nginx.Id) return pass();
        other = ref;
      }
      return other === null ? fail('notRun') : fail('otherImage', { image: other });
    },
  }),
  check({
    id: 'herramientas-built',
    step: 'build',
    points: 10,
    title: { es: 'La imagen herramientas, construida sobre alpine', en: 'The herramientas image, built on alpine' },
    success: {
      es: 'herramientas está construida: las capas de alpine abajo y, encima, una capa por cada RUN que cambió ficheros.',
      en: 'herramientas is built: alpine\'s layers at the bottom and, above them, one layer per RUN that changed files.',
    },
    hints: {
      missing: missingHerramientas,
      notAlpine,
      noCurl: {
        es: 'herramientas no tiene /usr/bin/curl: algún RUN no llegó a instalarlo. Revisa que el Dockerfile tenga RUN apk add curl y vuelve a construir: ' + BUILD,
        en: 'herramientas has no /usr/bin/curl: no RUN got to install it. Check that the Dockerfile has RUN apk add curl and build again: ' + BUILD,
      },
    },
    async run(ctx) {
      const found = await onAlpine(ctx, 'herramientas');
      if (typeof found === 'string') return fail(found);
      const layers = await imageLayers(ctx, 'herramientas');
      return layers && finalPaths(layers).has('usr/bin/curl') ? pass() : fail('noCurl');
    },
  }),
  check({
    id: 'herramientas-one-layer',
    step: 'size',
    points: 15,
    title: { es: 'herramientas, con una sola capa encima de alpine', en: 'herramientas, with a single layer above alpine\'s' },
    success: {
      es: 'Una instrucción, una capa: con un solo RUN, herramientas tiene una única capa propia encima de alpine.',
      en: 'One instruction, one layer: with a single RUN, herramientas has just one layer of its own above alpine.',
    },
    hints: {
      missing: missingHerramientas,
      notAlpine,
      tooManyLayers: {
        es: 'herramientas tiene {total} capas: las {base} de alpine y {own} tuyas, una por cada RUN que cambia ficheros. Une las órdenes en un solo RUN con && (y \\ para partir la línea), también el borrado, y vuelve a construir: ' + BUILD,
        en: 'herramientas has {total} layers: alpine\'s {base} and {own} of yours, one per RUN that changes files. Join the commands into a single RUN with && (and \\ to split the line), the deletion too, and build again: ' + BUILD,
      },
      noLayer: {
        es: 'herramientas no tiene ninguna capa propia encima de alpine: no hay un RUN que instale curl y cree /informes. Copia la versión del paso en herramientas/Dockerfile y vuelve a construir: ' + BUILD,
        en: 'herramientas has no layer of its own above alpine: there is no RUN that installs curl and makes /informes. Copy the step\'s version into herramientas/Dockerfile and build again: ' + BUILD,
      },
    },
    async run(ctx) {
      const found = await onAlpine(ctx, 'herramientas');
      if (typeof found === 'string') return fail(found);
      const total = layersOf(found.img).length;
      const own = total - found.base;
      if (own === 0) return fail('noLayer');
      return own === 1 ? pass() : fail('tooManyLayers', { total, base: found.base, own });
    },
  }),
  check({
    id: 'herramientas-no-index',
    step: 'size',
    points: 15,
    title: { es: 'Ninguna capa de herramientas guarda el índice de apk', en: 'No layer of herramientas keeps apk\'s index' },
    success: {
      es: 'El índice de apk no está en ninguna capa: la imagen solo lleva lo que usa.',
      en: 'apk\'s index is in no layer: the image carries only what it uses.',
    },
    hints: {
      missing: missingHerramientas,
      hiddenNotRemoved: {
        es: 'El índice de apk (/var/cache/apk/APKINDEX…) sigue en la capa {layer} de herramientas; una capa posterior solo lo oculta con un whiteout, y sus bytes siguen en la imagen. Bórralo en el mismo RUN que lo crea, o mejor, usa apk add --no-cache, y vuelve a construir: ' + BUILD,
        en: 'apk\'s index (/var/cache/apk/APKINDEX…) is still in layer {layer} of herramientas; a later layer only hides it with a whiteout, and its bytes are still in the image. Delete it in the same RUN that makes it, or better, use apk add --no-cache, and build again: ' + BUILD,
      },
      indexKept: {
        es: 'La capa {layer} de herramientas guarda el índice de apk (/var/cache/apk/APKINDEX…, {kb} kB): apk add lo guarda si no le pones --no-cache. Usa apk add --no-cache curl y vuelve a construir: ' + BUILD,
        en: 'Layer {layer} of herramientas keeps apk\'s index (/var/cache/apk/APKINDEX…, {kb} kB): apk add keeps it unless you give it --no-cache. Use apk add --no-cache curl and build again: ' + BUILD,
      },
    },
    async run(ctx) {
      const layers = await imageLayers(ctx, 'herramientas');
      if (!layers) return fail('missing');
      const at = layers.findIndex((l) => l.entries.some((e) => INDEX.test(e.path)));
      if (at < 0) return pass();
      const kb = Math.round(layers[at]!.entries.filter((e) => INDEX.test(e.path)).reduce((n, e) => n + e.size, 0) / 1000);
      const hiddenLater = layers.slice(at + 1).some((l) => l.deleted.some((p) => INDEX.test(p) || p === 'var/cache/apk/' || p === 'var/cache/apk'));
      return fail(hiddenLater ? 'hiddenNotRemoved' : 'indexKept', { layer: at + 1, kb });
    },
  }),
  check({
    id: 'herramientas-contents',
    step: 'size',
    points: 5,
    title: { es: 'herramientas sigue teniendo curl y el informe', en: 'herramientas still has curl and the report' },
    success: {
      es: 'Con menos capas y menos peso, la imagen tiene lo mismo: /usr/bin/curl y /informes/leeme.txt.',
      en: 'With fewer layers and less weight, the image holds the same: /usr/bin/curl and /informes/leeme.txt.',
    },
    hints: {
      missing: missingHerramientas,
      noCurl: {
        es: 'Al unir las órdenes se ha perdido curl: herramientas no tiene /usr/bin/curl. El RUN debe empezar por apk add --no-cache curl. Corrígelo y vuelve a construir: ' + BUILD,
        en: 'curl got lost when joining the commands: herramientas has no /usr/bin/curl. The RUN must start with apk add --no-cache curl. Fix it and build again: ' + BUILD,
      },
      noReport: {
        es: 'Al unir las órdenes se ha perdido el informe: herramientas no tiene /informes/leeme.txt. Encadena también mkdir /informes y el echo con &&, y vuelve a construir: ' + BUILD,
        en: 'The report got lost when joining the commands: herramientas has no /informes/leeme.txt. Chain mkdir /informes and the echo with && as well, and build again: ' + BUILD,
      },
    },
    async run(ctx) {
      const layers = await imageLayers(ctx, 'herramientas');
      if (!layers) return fail('missing');
      const final = finalPaths(layers);
      if (!final.has('usr/bin/curl')) return fail('noCurl');
      return final.has('informes/leeme.txt') ? pass() : fail('noReport');
    },
  }),
  check({
    id: 'informe-shares',
    step: 'shared',
    points: 15,
    title: { es: 'informe, construida encima de herramientas', en: 'informe, built on top of herramientas' },
    success: {
      es: 'informe reutiliza todas las capas de herramientas (las mismas, no copias) y solo añade una con su guion.',
      en: 'informe reuses all of herramientas\'s layers (the very same ones, not copies) and only adds one with its script.',
    },
    hints: {
      missing: {
        es: `No hay ninguna imagen llamada informe. Copia el Dockerfile del paso en informe/Dockerfile y constrúyela: ${BUILD_INFORME}`,
        en: `There is no image called informe. Copy the step's Dockerfile into informe/Dockerfile and build it: ${BUILD_INFORME}`,
      },
      noHerramientas: missingHerramientas,
      notOnTop: {
        es: 'informe solo comparte {shared} de las {total} capas de herramientas: no está construida encima de la herramientas actual. Su Dockerfile debe empezar por FROM herramientas; si ya es así, es que reconstruiste herramientas después: vuelve a construir informe: ' + BUILD_INFORME,
        en: 'informe shares only {shared} of herramientas\'s {total} layers: it is not built on the current herramientas. Its Dockerfile must start with FROM herramientas; if it already does, herramientas was rebuilt after it: build informe again: ' + BUILD_INFORME,
      },
      extraLayers: {
        es: 'informe añade {own} capas encima de herramientas, y con un COPY basta: una capa con informe.sh. Usa el Dockerfile del paso y vuelve a construir: ' + BUILD_INFORME,
        en: 'informe adds {own} layers on top of herramientas, and one COPY is enough: one layer with informe.sh. Use the step\'s Dockerfile and build again: ' + BUILD_INFORME,
      },
      noScript: {
        es: 'informe no tiene /usr/local/bin/informe.sh: el COPY no lo ha puesto ahí. Revisa la línea COPY informe.sh /usr/local/bin/informe.sh y vuelve a construir: ' + BUILD_INFORME,
        en: 'informe has no /usr/local/bin/informe.sh: the COPY did not put it there. Check the line COPY informe.sh /usr/local/bin/informe.sh and build again: ' + BUILD_INFORME,
      },
    },
    async run(ctx) {
      const informe = await image(ctx, 'informe');
      if (!informe) return fail('missing');
      const herramientas = await image(ctx, 'herramientas');
      if (!herramientas) return fail('noHerramientas');
      const total = layersOf(herramientas).length;
      const shared = sharedPrefix(informe, herramientas);
      if (shared < total) return fail('notOnTop', { shared, total });
      const own = layersOf(informe).length - total;
      if (own > 1) return fail('extraLayers', { own });
      const layers = await imageLayers(ctx, 'informe');
      return layers && finalPaths(layers).has('usr/local/bin/informe.sh') ? pass() : fail('noScript');
    },
  }),
]);
