// Lesson 08's checks, read through the Engine API: which base an image's
// layers start with (its RootFS.Layers against node:22-alpine's and
// nginx:alpine's), how many layers its own steps added, its size and config;
// the history line of the `rm` that only hid node; what the student's
// containers serve (running, the port published, and the files really in
// them, asked with HEAD /containers/{id}/archive — `docker cp`'s stat); the
// last build's error for a missing stage name or a COPY from the context;
// and whether the student compared the sizes (the commands typed).
import { EngineError } from '../../sandbox/index.ts';
import { check, defineChecks, fail, pass, type CheckContext } from '../kit/checks.ts';
import { dockerCalls } from '../kit/commands.ts';
import { container, image, imageHistory, type ContainerInspect, type ImageInspect } from '../kit/reads.ts';

const BUILD_V1 = 'docker build -t blog:v1 blog';
const RUN_V1 = 'docker run -d --name blog-v1 -p 8081:8080 blog:v1';
const BUILD_RM = 'docker build -t blog:rm blog';
const BUILD_MULTI = 'docker build -t blog:multi blog';
const RUN_BLOG = 'docker run -d --name blog -p 8088:80 blog:multi';
const HTML = '/usr/share/nginx/html';

/** Does `path` exist in the container (`docker cp`'s HEAD /containers/{id}/archive)? */
async function exists(ctx: Pick<CheckContext, 'client'>, c: ContainerInspect, path: string): Promise<boolean> {
  try {
    await ctx.client.request('HEAD', `/containers/${c.Id}/archive`, { query: { path } });
    return true;
  } catch (e) {
    if (e instanceof EngineError && e.status === 404) return false;
    throw e;
  }
}

/** The image's layers begin with all of `base`'s: it was built FROM it (or from something built on it). */
const builtOn = (img: ImageInspect, base: ImageInspect | null): boolean => {
  const mine = img.RootFS.Layers ?? [];
  const theirs = base?.RootFS.Layers ?? [];
  return theirs.length > 0 && theirs.length <= mine.length && theirs.every((l, i) => mine[i] === l);
};
const megabytes = (bytes: number): string => (bytes / 1e6).toFixed(1);
/** The host port published for `port` ("80/tcp"), or null. */
const hostPort = (c: ContainerInspect, port: string): string | null => (c.NetworkSettings.Ports?.[port] ?? []).find((b) => b.HostPort)?.HostPort ?? null;
const publishedList = (c: ContainerInspect): string => Object.entries(c.NetworkSettings.Ports ?? {})
  .flatMap(([p, b]) => (b ?? []).map((x) => `${x.HostPort}->${p}`)).join(', ');

export default defineChecks([
  check({
    id: 'v1-image',
    step: 'single',
    points: 10,
    title: { es: 'blog:v1, construida sobre node:22-alpine', en: 'blog:v1, built on node:22-alpine' },
    success: {
      es: 'blog:v1 pesa lo que node:22-alpine y unos pocos kB más: tus pasos añadieron tres capas pequeñas encima de las de node.',
      en: 'blog:v1 weighs what node:22-alpine does plus a few kB: your steps added three small layers on top of node\'s.',
    },
    hints: {
      missing: {
        es: 'No hay ninguna imagen blog:v1. Constrúyela desde la carpeta blog, con la etiqueta v1: ' + BUILD_V1,
        en: 'There is no blog:v1 image. Build it from the blog folder, with the tag v1: ' + BUILD_V1,
      },
      noTag: {
        es: 'Hay una imagen blog (blog:latest), pero no blog:v1: sin «:v1», docker build pone la etiqueta latest. Vuelve a construir con: ' + BUILD_V1,
        en: 'There is a blog image (blog:latest), but no blog:v1: without ":v1", docker build tags it latest. Build again with: ' + BUILD_V1,
      },
      notNode: {
        es: 'blog:v1 no está construida sobre node:22-alpine. Este paso usa el Dockerfile de partida de blog/ (FROM node:22-alpine): déjalo como estaba y reconstruye: ' + BUILD_V1,
        en: 'blog:v1 is not built on node:22-alpine. This step uses blog/\'s starting Dockerfile (FROM node:22-alpine): put it back as it was and rebuild: ' + BUILD_V1,
      },
    },
    async run(ctx) {
      const img = await image(ctx, 'blog:v1');
      if (!img) return fail((await image(ctx, 'blog:latest')) ? 'noTag' : 'missing');
      if (!builtOn(img, await image(ctx, 'node:22-alpine'))) return fail('notNode');
      return pass();
    },
  }),
  check({
    id: 'v1-serves',
    step: 'single',
    points: 10,
    title: { es: 'blog-v1 sirve el blog en el puerto 8081', en: 'blog-v1 serves the blog on port 8081' },
    success: {
      es: 'node sirve dist/ desde blog-v1: el sitio funciona, pero la imagen lleva node entero solo para servir unos HTML.',
      en: 'node serves dist/ from blog-v1: the site works, but the image carries all of node just to serve a few HTML files.',
    },
    hints: {
      missing: {
        es: 'No hay ningún contenedor llamado blog-v1. Créalo con: ' + RUN_V1,
        en: 'There is no container called blog-v1. Create it with: ' + RUN_V1,
      },
      otherImage: {
        es: 'blog-v1 no se creó con la imagen blog:v1 actual. Bórralo (docker rm -f blog-v1) y vuelve a crearlo: ' + RUN_V1,
        en: 'blog-v1 was not created from the current blog:v1 image. Remove it (docker rm -f blog-v1) and create it again: ' + RUN_V1,
      },
      notRunning: {
        es: 'blog-v1 no está en marcha (terminó con el código {code}); mira qué dijo con docker logs blog-v1. Bórralo (docker rm blog-v1) y vuelve a crearlo: ' + RUN_V1,
        en: 'blog-v1 is not running (it exited with code {code}); see what it said with docker logs blog-v1. Remove it (docker rm blog-v1) and create it again: ' + RUN_V1,
      },
      wrongPort: {
        es: 'blog-v1 publica {ports}, pero server.js escucha en el 8080 del contenedor (no en el 80 de nginx). Bórralo (docker rm -f blog-v1) y créalo con: ' + RUN_V1,
        en: 'blog-v1 publishes {ports}, but server.js listens on the container\'s port 8080 (not nginx\'s 80). Remove it (docker rm -f blog-v1) and create it with: ' + RUN_V1,
      },
      notPublished: {
        es: 'blog-v1 no publica ningún puerto: EXPOSE 8080 solo lo documenta. Bórralo (docker rm -f blog-v1) y créalo con -p 8081:8080: ' + RUN_V1,
        en: 'blog-v1 publishes no port: EXPOSE 8080 only documents it. Remove it (docker rm -f blog-v1) and create it with -p 8081:8080: ' + RUN_V1,
      },
      noSite: {
        es: 'En blog-v1 no hay /app/dist/index.html: el sitio no se generó al construir. El Dockerfile necesita RUN node build.js después del COPY; reconstruye (' + BUILD_V1 + ') y vuelve a crear el contenedor.',
        en: 'blog-v1 has no /app/dist/index.html: the site was not generated at build time. The Dockerfile needs RUN node build.js after the COPY; rebuild (' + BUILD_V1 + ') and create the container again.',
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'blog-v1');
      if (!c) return fail('missing');
      const img = await image(ctx, 'blog:v1');
      if (!img || c.Image !== img.Id) return fail('otherImage');
      if (!c.State.Running) return fail('notRunning', { code: c.State.ExitCode });
      if (!hostPort(c, '8080/tcp')) return publishedList(c) ? fail('wrongPort', { ports: publishedList(c) }) : fail('notPublished');
      if (!(await exists(ctx, c, '/app/dist/index.html'))) return fail('noSite');
      return pass();
    },
  }),
  check({
    id: 'rm-no-smaller',
    step: 'rm-later',
    points: 15,
    title: { es: 'blog:rm borra node en una capa nueva', en: 'blog:rm deletes node in a new layer' },
    success: {
      es: 'La capa del rm ocupa 0 B: solo añade marcas de borrado (whiteouts) que esconden node. Sus más de 100 MB siguen en la capa de node:22-alpine, así que blog:rm pesa lo mismo que blog:v1… y ya no arranca.',
      en: 'The rm layer takes 0 B: it only adds deletion marks (whiteouts) that hide node. node\'s 100-plus MB are still in node:22-alpine\'s layer, so blog:rm weighs the same as blog:v1… and no longer starts.',
    },
    hints: {
      missing: {
        es: 'No hay ninguna imagen blog:rm. Copia el Dockerfile del paso (con la línea RUN rm -rf …) y construye: ' + BUILD_RM,
        en: 'There is no blog:rm image. Copy the step\'s Dockerfile (with the RUN rm -rf … line) and build: ' + BUILD_RM,
      },
      noRm: {
        es: 'El historial de blog:rm no tiene ningún RUN que borre /usr/local/bin/node: la construiste con el Dockerfile de antes. Copia el del paso, con RUN rm -rf /usr/local/bin/node /usr/local/lib/node_modules, y reconstruye: ' + BUILD_RM,
        en: 'blog:rm\'s history has no RUN that deletes /usr/local/bin/node: you built it with the earlier Dockerfile. Copy the step\'s one, with RUN rm -rf /usr/local/bin/node /usr/local/lib/node_modules, and rebuild: ' + BUILD_RM,
      },
    },
    async run(ctx) {
      const img = await image(ctx, 'blog:rm');
      if (!img) return fail('missing');
      const history = (await imageHistory(ctx, 'blog:rm')) ?? [];
      if (!history.some((h) => /\brm\b/.test(h.CreatedBy) && h.CreatedBy.includes('/usr/local/bin/node'))) return fail('noRm');
      return pass();
    },
  }),
  check({
    id: 'rm-compared',
    step: 'rm-later',
    points: 5,
    title: { es: 'Comparaste tamaños y capas', en: 'You compared sizes and layers' },
    success: {
      es: 'docker images pone blog:v1 y blog:rm con el mismo tamaño, y docker history enseña la capa del rm con 0 B.',
      en: 'docker images shows blog:v1 and blog:rm with the same size, and docker history shows the rm layer with 0 B.',
    },
    hints: {
      noImages: {
        es: 'Aún no has comparado los tamaños. Lista las imágenes del blog: docker images blog',
        en: 'You have not compared the sizes yet. List the blog\'s images: docker images blog',
      },
      noHistory: {
        es: 'Ya tienes los tamaños; mira ahora las capas de blog:rm y cuánto ocupa la del rm: docker history blog:rm',
        en: 'You have the sizes; now look at blog:rm\'s layers and how much the rm one takes: docker history blog:rm',
      },
    },
    async run(ctx) {
      const calls = dockerCalls(ctx.commands);
      if (!calls.some((d) => d.verb === 'images')) return fail('noImages');
      if (!calls.some((d) => d.verb === 'history' && d.rest.includes('blog:rm'))) return fail('noHistory');
      return pass();
    },
  }),
  check({
    id: 'multi-image',
    step: 'multi',
    points: 20,
    title: { es: 'blog:multi: nginx más una capa con el sitio', en: 'blog:multi: nginx plus one layer with the site' },
    success: {
      es: 'La imagen final empieza en nginx:alpine y solo añade la capa del COPY --from=build: las capas de la etapa build, con node, se quedan fuera. Tiene más capas que blog:v1 y pesa un tercio: lo que cuenta es lo que hay dentro.',
      en: 'The final image starts at nginx:alpine and only adds the COPY --from=build layer: the build stage\'s layers, with node, stay out of it. It has more layers than blog:v1 and weighs a third: what counts is what is inside.',
    },
    hints: {
      noStageName: {
        es: 'El build de blog:multi falló: «{error}». COPY --from=build busca una etapa llamada build, y como no hay ninguna, Docker lo toma por una imagen y trata de descargarla. Ponle nombre a la primera etapa: FROM node:22-alpine AS build. Reconstruye: ' + BUILD_MULTI,
        en: 'The blog:multi build failed: "{error}". COPY --from=build looks for a stage called build, and since there is none, Docker takes it for an image and tries to pull it. Name the first stage: FROM node:22-alpine AS build. Rebuild: ' + BUILD_MULTI,
      },
      fromContext: {
        es: 'El build de blog:multi falló: «{error}». Un COPY sin --from copia de tu carpeta blog/, y ahí no hay dist: dist/ solo existe dentro de la etapa build, que lo generó. Escribe COPY --from=build /app/dist /usr/share/nginx/html y reconstruye: ' + BUILD_MULTI,
        en: 'The blog:multi build failed: "{error}". A COPY without --from copies from your blog/ folder, and there is no dist there: dist/ only exists inside the build stage, which generated it. Write COPY --from=build /app/dist /usr/share/nginx/html and rebuild: ' + BUILD_MULTI,
      },
      buildFailed: {
        es: 'El build de blog:multi falló: «{error}». Revisa la línea que marca el editor en blog/Dockerfile y reconstruye: ' + BUILD_MULTI,
        en: 'The blog:multi build failed: "{error}". Check the line the editor marks in blog/Dockerfile and rebuild: ' + BUILD_MULTI,
      },
      missing: {
        es: 'No hay ninguna imagen blog:multi. Copia el Dockerfile de dos etapas del paso y construye: ' + BUILD_MULTI,
        en: 'There is no blog:multi image. Copy the step\'s two-stage Dockerfile and build: ' + BUILD_MULTI,
      },
      finalIsNode: {
        es: 'blog:multi está construida sobre node:22-alpine ({size} MB): la imagen que sale de un build es la de la última etapa, y la tuya es la de node. La etapa de node (AS build) va primero; la de nginx, con el COPY --from=build, al final. Reconstruye: ' + BUILD_MULTI,
        en: 'blog:multi is built on node:22-alpine ({size} MB): the image a build produces is its last stage, and yours is the node one. The node stage (AS build) goes first; the nginx one, with COPY --from=build, last. Rebuild: ' + BUILD_MULTI,
      },
      otherBase: {
        es: 'La última etapa de blog:multi no empieza en nginx:alpine. Escribe FROM nginx:alpine en la segunda etapa y reconstruye: ' + BUILD_MULTI,
        en: 'blog:multi\'s last stage does not start at nginx:alpine. Write FROM nginx:alpine in the second stage and rebuild: ' + BUILD_MULTI,
      },
      extraLayers: {
        es: 'blog:multi añade {count} capas sobre nginx:alpine, y la etapa final solo necesita una: la del COPY --from=build. Lo que haga falta construir (RUN) va en la etapa build. Deja la segunda etapa en FROM y COPY --from y reconstruye.',
        en: 'blog:multi adds {count} layers on top of nginx:alpine, and the final stage only needs one: the COPY --from=build. Whatever has to be built (RUN) belongs in the build stage. Leave the second stage with just FROM and COPY --from, and rebuild.',
      },
      wrongCmd: {
        es: 'blog:multi cambia la orden de nginx por {cmd}. En la imagen final no hay node: deja que herede el ENTRYPOINT y el CMD de nginx:alpine (quita el CMD de la segunda etapa) y reconstruye.',
        en: 'blog:multi replaces nginx\'s command with {cmd}. There is no node in the final image: let it inherit nginx:alpine\'s ENTRYPOINT and CMD (drop the CMD from the second stage) and rebuild.',
      },
    },
    async run(ctx) {
      const b = ctx.lastBuild;
      if (b?.error && b.tags.includes('blog:multi')) {
        const error = b.error.trim();
        if (/pull access denied for build\b/.test(error)) return fail('noStageName', { error });
        if (/not found in build context/.test(error)) return fail('fromContext', { error });
        return fail('buildFailed', { error });
      }
      const img = await image(ctx, 'blog:multi');
      if (!img) return fail('missing');
      const nginx = await image(ctx, 'nginx:alpine');
      if (builtOn(img, await image(ctx, 'node:22-alpine'))) return fail('finalIsNode', { size: megabytes(img.Size) });
      if (!nginx || !builtOn(img, nginx)) return fail('otherBase');
      const added = (img.RootFS.Layers ?? []).length - (nginx.RootFS.Layers ?? []).length;
      if (added !== 1) return fail('extraLayers', { count: added });
      const argv = JSON.stringify([...(img.Config.Entrypoint ?? []), ...(img.Config.Cmd ?? [])]);
      if (argv !== JSON.stringify([...(nginx.Config.Entrypoint ?? []), ...(nginx.Config.Cmd ?? [])])) return fail('wrongCmd', { cmd: JSON.stringify(img.Config.Cmd) });
      return pass();
    },
  }),
  check({
    id: 'multi-serves',
    step: 'multi',
    points: 15,
    title: { es: 'blog: nginx sirve el blog en el 8088, sin node dentro', en: 'blog: nginx serves the blog on 8088, with no node inside' },
    success: {
      es: 'nginx sirve las páginas que generó la etapa build desde /usr/share/nginx/html, y en el contenedor no hay rastro de node.',
      en: 'nginx serves the pages the build stage generated from /usr/share/nginx/html, and there is no trace of node in the container.',
    },
    hints: {
      missing: {
        es: 'No hay ningún contenedor llamado blog. Créalo con: ' + RUN_BLOG,
        en: 'There is no container called blog. Create it with: ' + RUN_BLOG,
      },
      otherImage: {
        es: 'blog no se creó con la imagen blog:multi actual (quizá con una anterior, o con blog:v1). Bórralo (docker rm -f blog) y vuelve a crearlo: ' + RUN_BLOG,
        en: 'blog was not created from the current blog:multi image (an earlier one, or blog:v1). Remove it (docker rm -f blog) and create it again: ' + RUN_BLOG,
      },
      notRunning: {
        es: 'blog no está en marcha (terminó con el código {code}); mira qué dijo con docker logs blog. Bórralo (docker rm blog) y vuelve a crearlo: ' + RUN_BLOG,
        en: 'blog is not running (it exited with code {code}); see what it said with docker logs blog. Remove it (docker rm blog) and create it again: ' + RUN_BLOG,
      },
      wrongPort: {
        es: 'blog publica {ports}, pero ahora sirve nginx, que escucha en el 80 del contenedor (el 8080 era el de server.js). Bórralo (docker rm -f blog) y créalo con: ' + RUN_BLOG,
        en: 'blog publishes {ports}, but now nginx serves, and it listens on the container\'s port 80 (8080 was server.js\'s). Remove it (docker rm -f blog) and create it with: ' + RUN_BLOG,
      },
      notPublished: {
        es: 'blog no publica ningún puerto. Bórralo (docker rm -f blog) y créalo con -p 8088:80: ' + RUN_BLOG,
        en: 'blog publishes no port. Remove it (docker rm -f blog) and create it with -p 8088:80: ' + RUN_BLOG,
      },
      copiedApp: {
        es: 'En /usr/share/nginx/html está todo /app (build.js, posts/, dist/…), y nginx sigue sirviendo su página de bienvenida: copiaste la carpeta de trabajo entera. Copia solo el resultado: COPY --from=build /app/dist /usr/share/nginx/html. Reconstruye y vuelve a crear el contenedor.',
        en: '/usr/share/nginx/html holds all of /app (build.js, posts/, dist/…), and nginx still serves its welcome page: you copied the whole working folder. Copy only the result: COPY --from=build /app/dist /usr/share/nginx/html. Rebuild and create the container again.',
      },
      noSite: {
        es: 'En /usr/share/nginx/html no están las páginas del blog (01-hola.html): el COPY --from=build no las dejó ahí. Copia /app/dist a /usr/share/nginx/html, reconstruye y vuelve a crear el contenedor.',
        en: 'The blog\'s pages (01-hola.html) are not in /usr/share/nginx/html: the COPY --from=build did not put them there. Copy /app/dist to /usr/share/nginx/html, rebuild and create the container again.',
      },
      hasNode: {
        es: 'El contenedor blog tiene /usr/local/bin/node: su imagen todavía lleva node. La etapa final debe empezar en FROM nginx:alpine.',
        en: 'The blog container has /usr/local/bin/node: its image still carries node. The final stage must start with FROM nginx:alpine.',
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'blog');
      if (!c) return fail('missing');
      const img = await image(ctx, 'blog:multi');
      if (!img || c.Image !== img.Id) return fail('otherImage');
      if (!c.State.Running) return fail('notRunning', { code: c.State.ExitCode });
      if (!hostPort(c, '80/tcp')) return publishedList(c) ? fail('wrongPort', { ports: publishedList(c) }) : fail('notPublished');
      if (await exists(ctx, c, '/usr/local/bin/node')) return fail('hasNode');
      if (await exists(ctx, c, `${HTML}/01-hola.html`)) return pass();
      if (await exists(ctx, c, `${HTML}/build.js`) || await exists(ctx, c, `${HTML}/dist`)) return fail('copiedApp');
      return fail('noSite');
    },
  }),
]);
