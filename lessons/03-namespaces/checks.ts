// Lesson 03's checks, read from the engine: the container ns (busybox,
// running sleep) and its processes as the host sees them (GET
// /containers/{id}/top), the student looking from inside (docker exec ns ps)
// and from outside (docker top ns); the default hostname (the first 12
// characters of the ID, Config.Hostname) and one set with --hostname; a file
// written in ns's own layer (GET /containers/{id}/changes) that ns-caja does
// not have, and the student looking for it there.
import { check, defineChecks, fail, pass, type CheckContext } from '../kit/checks.ts';
import { dockerCalls, shellCommands } from '../kit/commands.ts';
import { container, image } from '../kit/reads.ts';

const RUN_NS = 'docker run -d --name ns busybox sleep 1000';
const RUN_CAJA = 'docker run -d --name ns-caja --hostname caja busybox sleep 1000';
const NOTE = '/tmp/nota.txt';

/** GET /containers/{id}/top: ps's titles and one row per process (host PIDs). */
interface Top { Titles: string[]; Processes: string[][] }
/** GET /containers/{id}/changes: Kind 0 changed, 1 added, 2 deleted. */
interface Change { Kind: 0 | 1 | 2; Path: string }

/** A `docker exec … <name> <cmd> …` in the history (options before the container skipped). */
function ranExec(ctx: CheckContext, name: string, cmd: string): boolean {
  return dockerCalls(ctx.commands).some((c) => {
    if (c.verb !== 'exec') return false;
    const at = c.rest.indexOf(name);
    return at >= 0 && c.rest[at + 1] === cmd;
  });
}

/** A command typed straight at the host's shell (not through docker), e.g. plain `ps`. */
function ranOnHost(ctx: CheckContext, cmd: string, arg?: string): boolean {
  return ctx.commands.some((line) => shellCommands(line).some((w) => w[0] === cmd && (arg === undefined || w.includes(arg))));
}

/** The hostname Docker gives a container when none is asked for: its short ID. */
const shortId = (id: string): string => id.slice(0, 12);

async function hostnameOf(ctx: CheckContext, name: string): Promise<{ id: string; hostname: string; running: boolean } | null> {
  const c = await container(ctx, name);
  if (!c) return null;
  const config = c.Config as typeof c.Config & { Hostname?: string };
  return { id: c.Id, hostname: config.Hostname ?? '', running: c.State.Running };
}

async function hasNote(ctx: CheckContext, name: string): Promise<boolean> {
  const c = await container(ctx, name);
  if (!c) return false;
  const changes = await ctx.client.json<Change[] | null>('GET', `/containers/${c.Id}/changes`);
  return (changes ?? []).some((ch) => ch.Kind !== 2 && ch.Path === NOTE);
}

const nsMissing = {
  es: `No hay ningún contenedor llamado ns. Créalo primero con: ${RUN_NS}`,
  en: `There is no container called ns. Create it first with: ${RUN_NS}`,
};

export default defineChecks([
  check({
    id: 'ns-running',
    step: 'pid',
    points: 10,
    title: { es: 'El contenedor ns, de busybox, en marcha', en: 'The container ns, from busybox, running' },
    success: { es: 'ns sigue en marcha: su PID 1, sleep 1000, todavía no ha terminado.', en: 'ns is still running: its PID 1, sleep 1000, has not ended yet.' },
    hints: {
      missing: nsMissing,
      wrongImage: {
        es: `ns se creó a partir de la imagen {image}, no de busybox. Bórralo (docker rm -f ns) y vuelve a crearlo: ${RUN_NS}`,
        en: `ns was created from the image {image}, not from busybox. Remove it (docker rm -f ns) and create it again: ${RUN_NS}`,
      },
      notRunning: {
        es: `ns está parado (Exited ({code})): su PID 1 ya terminó, y un contenedor vive lo que vive su PID 1. Sin una orden al final, busybox ejecuta un shell que termina enseguida. Bórralo (docker rm ns) y créalo con sleep 1000 al final: ${RUN_NS}`,
        en: `ns is stopped (Exited ({code})): its PID 1 has ended, and a container lives as long as its PID 1. Without a command at the end, busybox runs a shell that ends at once. Remove it (docker rm ns) and create it with sleep 1000 at the end: ${RUN_NS}`,
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'ns');
      if (!c) return fail('missing');
      const busybox = await image(ctx, 'busybox');
      if (!busybox || c.Image !== busybox.Id) return fail('wrongImage', { image: c.Config.Image });
      if (!c.State.Running) return fail('notRunning', { code: c.State.ExitCode });
      return pass();
    },
  }),
  check({
    id: 'pid-two-views',
    step: 'pid',
    points: 15,
    title: { es: 'Los procesos de ns, desde dentro y desde el host', en: 'ns\'s processes, from inside and from the host' },
    success: {
      es: 'Un mismo proceso, dos números: dentro de ns, sleep es el PID 1; en docker top tiene el PID que le da el host.',
      en: 'One process, two numbers: inside ns, sleep is PID 1; in docker top it has the PID the host gives it.',
    },
    hints: {
      nsDown: {
        es: `ns no está en marcha, así que no hay procesos que mirar. Arréglalo primero (mira la comprobación anterior): ${RUN_NS}`,
        en: `ns is not running, so there are no processes to look at. Fix that first (see the check above): ${RUN_NS}`,
      },
      psOnHost: {
        es: 'Has ejecutado ps en el host: esos son los procesos de la máquina, no los del contenedor. Para mirar desde dentro, pon docker exec ns delante: docker exec ns ps',
        en: 'You ran ps on the host: those are the machine\'s processes, not the container\'s. To look from inside, put docker exec ns in front: docker exec ns ps',
      },
      noExecPs: {
        es: 'Todavía no has mirado los procesos desde dentro del contenedor. Ejecuta: docker exec ns ps',
        en: 'You have not looked at the processes from inside the container yet. Run: docker exec ns ps',
      },
      noTop: {
        es: 'Ya has mirado desde dentro; falta la vista del host. Ejecuta docker top ns y compara el PID de sleep con el de dentro.',
        en: 'You have looked from inside; the host\'s view is missing. Run docker top ns and compare sleep\'s PID with the one inside.',
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'ns');
      if (!c || !c.State.Running) return fail('nsDown');
      if (!ranExec(ctx, 'ns', 'ps')) return ranOnHost(ctx, 'ps') ? fail('psOnHost') : fail('noExecPs');
      if (!dockerCalls(ctx.commands).some((d) => d.verb === 'top' && d.rest.includes('ns'))) return fail('noTop');
      // What docker top showed: the main process under its host PID (State.Pid), which is not 1.
      const top = await ctx.client.json<Top>('GET', `/containers/${c.Id}/top`);
      const pidAt = top.Titles.indexOf('PID');
      if (!top.Processes.some((p) => p[pidAt] === String(c.State.Pid))) return fail('nsDown');
      return pass();
    },
  }),
  check({
    id: 'hostname-is-id',
    step: 'hostname',
    points: 10,
    title: { es: 'El hostname de ns, visto desde dentro', en: 'ns\'s hostname, seen from inside' },
    success: { es: 'Sin --hostname, el hostname de un contenedor son los 12 primeros caracteres de su ID.', en: 'Without --hostname, a container\'s hostname is the first 12 characters of its ID.' },
    hints: {
      nsMissing,
      nsDown: {
        es: 'ns está parado, y docker exec solo funciona en un contenedor en marcha. Bórralo (docker rm ns) y créalo otra vez: ' + RUN_NS,
        en: 'ns is stopped, and docker exec only works on a running container. Remove it (docker rm ns) and create it again: ' + RUN_NS,
      },
      hostnameOnHost: {
        es: 'Has ejecutado hostname en el host, y te ha dado el nombre de la máquina, no el del contenedor. Pregúntaselo a ns: docker exec ns hostname',
        en: 'You ran hostname on the host, which gave you the machine\'s name, not the container\'s. Ask ns: docker exec ns hostname',
      },
      notYet: {
        es: 'Todavía no le has preguntado su hostname a ns. Ejecuta: docker exec ns hostname',
        en: 'You have not asked ns for its hostname yet. Run: docker exec ns hostname',
      },
    },
    async run(ctx) {
      const ns = await hostnameOf(ctx, 'ns');
      if (!ns) return fail('nsMissing');
      if (!ns.running) return fail('nsDown');
      if (!ranExec(ctx, 'ns', 'hostname')) return ranOnHost(ctx, 'hostname') ? fail('hostnameOnHost') : fail('notYet');
      return pass();
    },
  }),
  check({
    id: 'custom-hostname',
    step: 'hostname',
    points: 15,
    title: { es: 'ns-caja en marcha, con el hostname caja', en: 'ns-caja running, with the hostname caja' },
    success: { es: 'Dentro de ns-caja la máquina se llama caja: --hostname cambia el nombre que ve el contenedor.', en: 'Inside ns-caja the machine is called caja: --hostname changes the name the container sees.' },
    hints: {
      missing: {
        es: `No hay ningún contenedor llamado ns-caja. Créalo con: ${RUN_CAJA}`,
        en: `There is no container called ns-caja. Create it with: ${RUN_CAJA}`,
      },
      nameOnly: {
        es: `ns-caja tiene como hostname {hostname}, el principio de su ID: --name le da un nombre para Docker, pero no cambia el de la máquina. Bórralo (docker rm -f ns-caja) y créalo con --hostname caja: ${RUN_CAJA}`,
        en: `ns-caja's hostname is {hostname}, the start of its ID: --name gives it a name for Docker but does not change the machine's. Remove it (docker rm -f ns-caja) and create it with --hostname caja: ${RUN_CAJA}`,
      },
      otherHostname: {
        es: `El hostname de ns-caja es {hostname}, no caja. Bórralo (docker rm -f ns-caja) y créalo con --hostname caja: ${RUN_CAJA}`,
        en: `ns-caja's hostname is {hostname}, not caja. Remove it (docker rm -f ns-caja) and create it with --hostname caja: ${RUN_CAJA}`,
      },
      notRunning: {
        es: `ns-caja está parado: sin sleep 1000 al final, su PID 1 termina enseguida. Bórralo (docker rm ns-caja) y créalo otra vez: ${RUN_CAJA}`,
        en: `ns-caja is stopped: without sleep 1000 at the end, its PID 1 ends at once. Remove it (docker rm ns-caja) and create it again: ${RUN_CAJA}`,
      },
    },
    async run(ctx) {
      const caja = await hostnameOf(ctx, 'ns-caja');
      if (!caja) return fail('missing');
      if (caja.hostname === shortId(caja.id)) return fail('nameOnly', { hostname: caja.hostname });
      if (caja.hostname !== 'caja') return fail('otherHostname', { hostname: caja.hostname });
      if (!caja.running) return fail('notRunning');
      return pass();
    },
  }),
  check({
    id: 'note-in-ns',
    step: 'filesystem',
    points: 15,
    title: { es: '/tmp/nota.txt, creado dentro de ns', en: '/tmp/nota.txt, created inside ns' },
    success: { es: 'nota.txt está en la capa de escritura de ns, y solo en ella.', en: 'nota.txt is in ns\'s writable layer, and only there.' },
    hints: {
      nsMissing,
      onHost: {
        es: 'Has creado /tmp/nota.txt en el host: sin docker exec ns delante, touch se ejecuta en tu máquina. Créalo dentro del contenedor: docker exec ns touch /tmp/nota.txt',
        en: 'You created /tmp/nota.txt on the host: without docker exec ns in front, touch runs on your machine. Create it inside the container: docker exec ns touch /tmp/nota.txt',
      },
      inOther: {
        es: 'nota.txt está en ns-caja, no en ns. Créalo en ns (docker exec ns touch /tmp/nota.txt), para buscarlo después en ns-caja.',
        en: 'nota.txt is in ns-caja, not in ns. Create it in ns (docker exec ns touch /tmp/nota.txt), so you can then look for it in ns-caja.',
      },
      notYet: {
        es: 'En ns no hay ningún /tmp/nota.txt. Créalo con: docker exec ns touch /tmp/nota.txt',
        en: 'There is no /tmp/nota.txt in ns. Create it with: docker exec ns touch /tmp/nota.txt',
      },
    },
    async run(ctx) {
      if (!(await container(ctx, 'ns'))) return fail('nsMissing');
      if (await hasNote(ctx, 'ns')) return pass();
      if (await hasNote(ctx, 'ns-caja')) return fail('inOther');
      return ranOnHost(ctx, 'touch', NOTE) ? fail('onHost') : fail('notYet');
    },
  }),
  check({
    id: 'looked-in-caja',
    step: 'filesystem',
    points: 10,
    title: { es: 'Has buscado la nota en ns-caja', en: 'You looked for the note in ns-caja' },
    success: { es: 'ns-caja no ve la nota de ns: cada contenedor tiene su propio sistema de archivos.', en: 'ns-caja does not see ns\'s note: each container has a filesystem of its own.' },
    hints: {
      onlyInNs: {
        es: 'Has mirado /tmp en ns, donde está la nota. Falta mirar en el otro contenedor: docker exec ns-caja ls /tmp',
        en: 'You looked at /tmp in ns, where the note is. Now look in the other container: docker exec ns-caja ls /tmp',
      },
      notYet: {
        es: 'Todavía no has buscado la nota en ns-caja. Ejecuta: docker exec ns-caja ls /tmp',
        en: 'You have not looked for the note in ns-caja yet. Run: docker exec ns-caja ls /tmp',
      },
    },
    async run(ctx) {
      if (ranExec(ctx, 'ns-caja', 'ls') && (await container(ctx, 'ns-caja'))) return pass();
      return ranExec(ctx, 'ns', 'ls') ? fail('onlyInNs') : fail('notYet');
    },
  }),
]);
