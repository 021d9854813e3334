// Lesson 01's checks: the student asked the engine (not only the client) for
// its version, ran `uname -r` in two images and got the engine's kernel both
// times, and read Alpine's /etc/os-release from a container — each read from
// the engine: containers by name, their image, their output (docker logs)
// and the kernel the engine reports (GET /info), plus the commands typed.
import { check, defineChecks, fail, pass, type CheckContext } from '../kit/checks.ts';
import { dockerCalls } from '../kit/commands.ts';
import { container, engineInfo, image, logs } from '../kit/reads.ts';

/** A `docker run --rm … <img> <cmd>` in the history: the container the check looks for is gone. */
function ranWithRm(ctx: CheckContext, img: string, cmd: string): boolean {
  return dockerCalls(ctx.commands).some((c) => c.verb === 'run' && c.rest.includes('--rm')
    && c.rest.some((w) => w === img || w.startsWith(`${img}:`)) && c.rest.join(' ').includes(cmd));
}

/**
 * The container `name`, made from `img`, ended after printing what `ok`
 * accepts. Its hints: it is missing (or --rm removed it), comes from another
 * image, or printed something else.
 */
function outputCheck(o: { id: string; step: string; points: number; name: string; img: string; cmd: string; title: { es: string; en: string }; success: { es: string; en: string }; ok: (out: string, ctx: CheckContext) => Promise<boolean> }) {
  return check({
    id: o.id, step: o.step, points: o.points, title: o.title, success: o.success,
    hints: {
      removedWithRm: {
        es: `No encuentro el contenedor ${o.name}: lo lanzaste con --rm, que lo borra al terminar. Vuelve a ejecutarlo sin --rm y con nombre: docker run --name ${o.name} ${o.img} ${o.cmd}`,
        en: `I can't find the container ${o.name}: you ran it with --rm, which removes it when it ends. Run it again without --rm and with a name: docker run --name ${o.name} ${o.img} ${o.cmd}`,
      },
      missing: {
        es: `No hay ningún contenedor llamado ${o.name}. Créalo con: docker run --name ${o.name} ${o.img} ${o.cmd}`,
        en: `There is no container called ${o.name}. Create it with: docker run --name ${o.name} ${o.img} ${o.cmd}`,
      },
      wrongImage: {
        es: `${o.name} se creó a partir de la imagen {actual}, no de ${o.img}. Bórralo (docker rm ${o.name}) y créalo otra vez con la imagen ${o.img}.`,
        en: `${o.name} was created from the image {actual}, not from ${o.img}. Remove it (docker rm ${o.name}) and create it again from ${o.img}.`,
      },
      otherOutput: {
        es: `${o.name} ejecutó «{cmd}» y su salida no es la esperada. Bórralo (docker rm ${o.name}) y vuelve a crearlo con la orden ${o.cmd} al final.`,
        en: `${o.name} ran "{cmd}" and its output is not the expected one. Remove it (docker rm ${o.name}) and create it again with the command ${o.cmd} at the end.`,
      },
    },
    async run(ctx) {
      const c = await container(ctx, o.name);
      if (!c) return ranWithRm(ctx, o.img, o.cmd) ? fail('removedWithRm') : fail('missing');
      const expected = await image(ctx, o.img);
      if (!expected || c.Image !== expected.Id) return fail('wrongImage', { actual: c.Config.Image });
      const out = await logs(ctx, o.name);
      const ended = !c.State.Running && c.State.ExitCode === 0;
      if (!ended || !out || !(await o.ok(out.stdout, ctx))) return fail('otherOutput', { cmd: [c.Path, ...c.Args].join(' ') });
      return pass();
    },
  });
}

const sameKernel = async (out: string, ctx: CheckContext): Promise<boolean> => out.trim() === (await engineInfo(ctx)).KernelVersion;

export default defineChecks([
  check({
    id: 'asked-the-engine',
    step: 'engines',
    points: 5,
    title: { es: 'Has preguntado su versión al cliente y al motor', en: 'You asked both the client and the engine for their version' },
    success: {
      es: 'docker version muestra dos programas: el cliente (Client) y el motor que le responde por la API (Server).',
      en: 'docker version shows two programs: the client, and the engine (Server) answering it over the API.',
    },
    hints: {
      clientOnly: {
        es: 'docker --version solo muestra la versión del cliente, sin preguntar al motor. Prueba docker version (sin guiones): verás también la sección Server.',
        en: 'docker --version only prints the client\'s version, without asking the engine. Try docker version (no dashes): you will see the Server section too.',
      },
      notYet: {
        es: 'Todavía no has ejecutado docker version en la terminal.',
        en: 'You have not run docker version in the terminal yet.',
      },
    },
    run(ctx) {
      const calls = dockerCalls(ctx.commands);
      if (calls.some((c) => c.verb === 'version')) return pass();
      return calls.some((c) => c.verb === '--version') ? fail('clientOnly') : fail('notYet');
    },
  }),
  outputCheck({
    id: 'kernel-alpine', step: 'kernel', points: 10, name: 'kernel-alpine', img: 'alpine', cmd: 'uname -r',
    title: { es: 'uname -r en un contenedor de alpine', en: 'uname -r in an alpine container' },
    success: { es: 'El contenedor de alpine usa el kernel del motor: el que dice docker info.', en: 'The alpine container uses the engine\'s kernel: the one docker info reports.' },
    ok: sameKernel,
  }),
  outputCheck({
    id: 'kernel-busybox', step: 'kernel', points: 10, name: 'kernel-busybox', img: 'busybox', cmd: 'uname -r',
    title: { es: 'uname -r en un contenedor de busybox', en: 'uname -r in a busybox container' },
    success: { es: 'Otra imagen, el mismo kernel: los contenedores no traen kernel propio.', en: 'Another image, the same kernel: containers bring no kernel of their own.' },
    ok: sameKernel,
  }),
  outputCheck({
    id: 'alpine-userland', step: 'userland', points: 10, name: 'os-alpine', img: 'alpine', cmd: 'cat /etc/os-release',
    title: { es: 'El sistema que ve un contenedor de alpine', en: 'The system an alpine container sees' },
    success: { es: 'Dentro del contenedor, los archivos son los de Alpine Linux: el userland viene de la imagen.', en: 'Inside the container the files are Alpine Linux\'s: the userland comes from the image.' },
    ok: async (out) => /^ID=alpine$/m.test(out),
  }),
]);
