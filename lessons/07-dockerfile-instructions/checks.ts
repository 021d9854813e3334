// Lesson 07's checks: what each Dockerfile instruction left in the image's
// config (GET /images/{name}/json: Entrypoint, Cmd, Env, WorkingDir, User,
// ExposedPorts; its history for a lone `RUN cd`), and what the student's
// containers really ran (GET /containers/{id}/json: Path and Args, the Env
// given with -e, the user, the exit code, the ports published) and printed
// (their logs). A container made from an older build of its image is told
// apart by its image ID. The last build's error names a `chown` after USER.
import { check, defineChecks, fail, pass } from '../kit/checks.ts';
import { missingContainer } from '../kit/hints.ts';
import { container, envValue, image, imageHistory, logs, type ContainerInspect, type ImageInspect } from '../kit/reads.ts';

const BUILD_CUENTA = 'docker build -t cuenta cuenta';
const RUN_CUENTA5 = 'docker run --name cuenta5 cuenta 5';
const RUN_SALUDO = 'docker run --name saludo-ana -e NOMBRE=Ana saludo';
const BUILD_VERSION = 'docker build -t version --build-arg VERSION=2.0 version';
const RUN_VERSION = 'docker run --name version2 version';
const RUN_NOTAS = 'docker run --name notas1 notas';
const RUN_REGISTRO = 'docker run --name registro1 registro';
const RUN_SITIO = 'docker run -d --name sitio -p 8000:8000 sitio';

/** `["/bin/sh", "-c", …]`: what Docker stores for the shell form. */
const viaShell = (argv: string[] | null): boolean => !!argv && ['/bin/sh', 'sh'].includes(argv[0] ?? '') && argv[1] === '-c';
const isRoot = (user: string): boolean => ['', 'root', '0'].includes(user.split(':')[0] ?? '');
/** The container was created from another image than the one the tag names now (an older build). */
const fromOlderBuild = (c: ContainerInspect, img: ImageInspect | null): boolean => !!img && c.Image !== img.Id;

const noImage = (name: string, build: string) => ({
  es: `No hay ninguna imagen llamada ${name}. Constrúyela desde su carpeta: ${build}`,
  en: `There is no image called ${name}. Build it from its folder: ${build}`,
});
const olderBuild = (name: string, img: string, build: string, run: string) => ({
  es: `${name} se creó con una versión anterior de la imagen ${img}: un contenedor se queda con la imagen que tenía al crearse. Reconstruye (${build}), bórralo (docker rm ${name}) y vuelve a crearlo: ${run}`,
  en: `${name} was created from an earlier build of the image ${img}: a container keeps the image it was created from. Rebuild (${build}), remove it (docker rm ${name}) and create it again: ${run}`,
});

export default defineChecks([
  check({
    id: 'cuenta-entrypoint',
    step: 'entrypoint',
    points: 10,
    title: { es: 'cuenta: seq como ENTRYPOINT y 3 como CMD', en: 'cuenta: seq as ENTRYPOINT and 3 as CMD' },
    success: {
      es: 'ENTRYPOINT ["seq"] fija el programa y CMD ["3"] es solo su argumento por defecto: docker run cuenta ejecuta seq 3, y docker run cuenta 5, seq 5.',
      en: 'ENTRYPOINT ["seq"] fixes the program and CMD ["3"] is only its default argument: docker run cuenta runs seq 3, and docker run cuenta 5 runs seq 5.',
    },
    hints: {
      missing: noImage('cuenta', BUILD_CUENTA),
      cmdOnly: {
        es: 'La imagen cuenta sigue sin ENTRYPOINT: solo tiene CMD, y lo que escribes tras la imagen sustituye a CMD entero (por eso docker run cuenta 5 intenta ejecutar un programa llamado «5»). Copia el Dockerfile del paso al editor (ENTRYPOINT ["seq"] y CMD ["3"]) y reconstruye: ' + BUILD_CUENTA,
        en: 'The cuenta image still has no ENTRYPOINT: it only has CMD, and whatever you type after the image replaces CMD entirely (that is why docker run cuenta 5 tries to run a program called "5"). Copy the step\'s Dockerfile into the editor (ENTRYPOINT ["seq"] and CMD ["3"]) and rebuild: ' + BUILD_CUENTA,
      },
      shellForm: {
        es: 'El ENTRYPOINT de cuenta está en forma shell ({entrypoint}): Docker lo guarda como /bin/sh -c "seq" y el shell no pasa a seq ni el CMD ni tus argumentos. Escríbelo en forma exec, como lista JSON: ENTRYPOINT ["seq"], y reconstruye.',
        en: 'cuenta\'s ENTRYPOINT is in shell form ({entrypoint}): Docker stores it as /bin/sh -c "seq" and the shell passes neither CMD nor your arguments on to seq. Write it in exec form, as a JSON list: ENTRYPOINT ["seq"], and rebuild.',
      },
      countInEntrypoint: {
        es: 'El ENTRYPOINT de cuenta lleva también el número ({entrypoint}). Los argumentos de docker run se añaden detrás del ENTRYPOINT: docker run cuenta 5 ejecutaría seq 3 5. Deja solo ENTRYPOINT ["seq"] y pon el 3 en CMD ["3"], el valor que se puede cambiar.',
        en: 'cuenta\'s ENTRYPOINT also holds the number ({entrypoint}). docker run\'s arguments go after the ENTRYPOINT: docker run cuenta 5 would run seq 3 5. Keep ENTRYPOINT ["seq"] alone and put the 3 in CMD ["3"], the part that can be replaced.',
      },
      otherEntrypoint: {
        es: 'El ENTRYPOINT de cuenta es {entrypoint}, no ["seq"]. Copia el Dockerfile del paso (ENTRYPOINT ["seq"], CMD ["3"]) y reconstruye: ' + BUILD_CUENTA,
        en: 'cuenta\'s ENTRYPOINT is {entrypoint}, not ["seq"]. Copy the step\'s Dockerfile (ENTRYPOINT ["seq"], CMD ["3"]) and rebuild: ' + BUILD_CUENTA,
      },
      noDefault: {
        es: 'cuenta tiene ENTRYPOINT ["seq"] pero ningún CMD: docker run cuenta, sin argumentos, ejecutaría seq sin número y fallaría. Añade CMD ["3"] después del ENTRYPOINT y reconstruye.',
        en: 'cuenta has ENTRYPOINT ["seq"] but no CMD: docker run cuenta, with no arguments, would run seq without a number and fail. Add CMD ["3"] after the ENTRYPOINT and rebuild.',
      },
      otherDefault: {
        es: 'El CMD de cuenta es {cmd}, no ["3"]: es el argumento por defecto de seq. Escribe CMD ["3"] y reconstruye.',
        en: 'cuenta\'s CMD is {cmd}, not ["3"]: it is seq\'s default argument. Write CMD ["3"] and rebuild.',
      },
    },
    async run(ctx) {
      const img = await image(ctx, 'cuenta');
      if (!img) return fail('missing');
      const ep = img.Config.Entrypoint ?? [];
      const cmd = img.Config.Cmd ?? [];
      if (ep.length === 0) return fail('cmdOnly');
      if (viaShell(ep)) return fail('shellForm', { entrypoint: JSON.stringify(ep) });
      if (ep[0] !== 'seq') return fail('otherEntrypoint', { entrypoint: JSON.stringify(ep) });
      if (ep.length > 1) return fail('countInEntrypoint', { entrypoint: JSON.stringify(ep) });
      if (cmd.length === 0) return fail('noDefault');
      if (cmd.length !== 1 || cmd[0] !== '3') return fail('otherDefault', { cmd: JSON.stringify(cmd) });
      return pass();
    },
  }),
  check({
    id: 'cuenta-five',
    step: 'entrypoint',
    points: 10,
    title: { es: 'cuenta5 ejecutó seq 5', en: 'cuenta5 ran seq 5' },
    success: {
      es: 'Path seq y Args [5]: tu argumento sustituyó al CMD y se añadió al ENTRYPOINT. El contenedor contó hasta 5 y terminó con 0.',
      en: 'Path seq and Args [5]: your argument replaced CMD and was appended to the ENTRYPOINT. The container counted to 5 and exited with 0.',
    },
    hints: {
      missing: missingContainer('cuenta5', RUN_CUENTA5),
      replaced: {
        es: 'cuenta5 intentó ejecutar el programa «{path}» (código {code}): cuando lo creaste, la imagen solo tenía CMD, y tu argumento lo sustituyó entero. Pon seq en ENTRYPOINT, reconstruye (' + BUILD_CUENTA + '), borra el contenedor (docker rm cuenta5) y vuelve a crearlo: ' + RUN_CUENTA5,
        en: 'cuenta5 tried to run the program "{path}" (code {code}): when you created it, the image only had CMD, and your argument replaced it entirely. Put seq in ENTRYPOINT, rebuild (' + BUILD_CUENTA + '), remove the container (docker rm cuenta5) and create it again: ' + RUN_CUENTA5,
      },
      otherProgram: {
        es: 'cuenta5 ejecutó «{command}», no seq 5. Arregla primero la imagen (ENTRYPOINT ["seq"] en forma exec, CMD ["3"]), reconstruye (' + BUILD_CUENTA + '), borra el contenedor (docker rm cuenta5) y vuelve a crearlo: ' + RUN_CUENTA5,
        en: 'cuenta5 ran "{command}", not seq 5. Fix the image first (ENTRYPOINT ["seq"] in exec form, CMD ["3"]), rebuild (' + BUILD_CUENTA + '), remove the container (docker rm cuenta5) and create it again: ' + RUN_CUENTA5,
      },
      olderBuild: olderBuild('cuenta5', 'cuenta', BUILD_CUENTA, RUN_CUENTA5),
      wrongArgs: {
        es: 'cuenta5 ejecutó seq con los argumentos {args}, no [5]. Lo que va tras el nombre de la imagen son los argumentos: bórralo (docker rm cuenta5) y créalo con: ' + RUN_CUENTA5,
        en: 'cuenta5 ran seq with the arguments {args}, not [5]. What comes after the image name are the arguments: remove it (docker rm cuenta5) and create it with: ' + RUN_CUENTA5,
      },
      failed: {
        es: 'cuenta5 terminó con el código {code}. Mira qué dijo con docker logs cuenta5, bórralo (docker rm cuenta5) y vuelve a crearlo: ' + RUN_CUENTA5,
        en: 'cuenta5 exited with code {code}. See what it said with docker logs cuenta5, remove it (docker rm cuenta5) and create it again: ' + RUN_CUENTA5,
      },
      wrongOutput: {
        es: 'cuenta5 no ha escrito los números del 1 al 5 (sus logs: «{output}»). Bórralo (docker rm cuenta5) y vuelve a crearlo: ' + RUN_CUENTA5,
        en: 'cuenta5 did not print the numbers 1 to 5 (its logs: "{output}"). Remove it (docker rm cuenta5) and create it again: ' + RUN_CUENTA5,
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'cuenta5');
      if (!c) return fail('missing');
      if (c.Path === '5') return fail('replaced', { path: c.Path, code: c.State.ExitCode });
      if (c.Path !== 'seq') return fail('otherProgram', { command: [c.Path, ...c.Args].join(' ') });
      if (fromOlderBuild(c, await image(ctx, 'cuenta'))) return fail('olderBuild');
      if (c.Args.length !== 1 || c.Args[0] !== '5') return fail('wrongArgs', { args: JSON.stringify(c.Args) });
      if (c.State.Running || c.State.ExitCode !== 0) return fail('failed', { code: c.State.ExitCode });
      const out = (await logs(ctx, c.Id))?.stdout ?? '';
      return out === '1\n2\n3\n4\n5\n' ? pass() : fail('wrongOutput', { output: out.trim().replace(/\n/g, ' ') });
    },
  }),
  check({
    id: 'saludo-shell',
    step: 'forms',
    points: 10,
    title: { es: 'saludo: CMD en forma shell, que expande $NOMBRE', en: 'saludo: a shell-form CMD that expands $NOMBRE' },
    success: {
      es: 'Docker guarda tu CMD como ["/bin/sh","-c","echo \\"Hola, $NOMBRE\\""]: es el shell quien cambia $NOMBRE por su valor al arrancar el contenedor.',
      en: 'Docker stores your CMD as ["/bin/sh","-c","echo \\"Hola, $NOMBRE\\""]: the shell is what replaces $NOMBRE with its value when the container starts.',
    },
    hints: {
      missing: noImage('saludo', 'docker build -t saludo saludo'),
      execForm: {
        es: 'El CMD de saludo sigue en forma exec ({cmd}): Docker ejecuta echo directamente, sin shell, y nadie sustituye $NOMBRE; por eso sale tal cual. Escríbelo en forma shell, CMD echo "Hola, $NOMBRE", y reconstruye: docker build -t saludo saludo',
        en: 'saludo\'s CMD is still in exec form ({cmd}): Docker runs echo directly, with no shell, and nobody replaces $NOMBRE, so it comes out as it is. Write it in shell form, CMD echo "Hola, $NOMBRE", and rebuild: docker build -t saludo saludo',
      },
      noVariable: {
        es: 'El CMD de saludo ya no usa la variable ({cmd}): el saludo quedaría fijo. Usa $NOMBRE, con CMD echo "Hola, $NOMBRE", y reconstruye: docker build -t saludo saludo',
        en: 'saludo\'s CMD no longer uses the variable ({cmd}): the greeting would be fixed. Use $NOMBRE, with CMD echo "Hola, $NOMBRE", and rebuild: docker build -t saludo saludo',
      },
      noEnv: {
        es: 'La imagen saludo ya no define NOMBRE=mundo: sin -e, el saludo saldría vacío. Deja la línea ENV NOMBRE=mundo, el valor por defecto, y reconstruye: docker build -t saludo saludo',
        en: 'The saludo image no longer sets NOMBRE=mundo: without -e the greeting would come out empty. Keep the line ENV NOMBRE=mundo, the default value, and rebuild: docker build -t saludo saludo',
      },
    },
    async run(ctx) {
      const img = await image(ctx, 'saludo');
      if (!img) return fail('missing');
      if (envValue(img.Config.Env, 'NOMBRE') !== 'mundo') return fail('noEnv');
      const argv = [...(img.Config.Entrypoint ?? []), ...(img.Config.Cmd ?? [])];
      if (!/\$\{?NOMBRE\b/.test(argv.join(' '))) return fail('noVariable', { cmd: JSON.stringify(argv) });
      if (!viaShell(argv)) return fail('execForm', { cmd: JSON.stringify(argv) });
      return pass();
    },
  }),
  check({
    id: 'saludo-ana',
    step: 'forms',
    points: 10,
    title: { es: 'saludo-ana saluda a Ana', en: 'saludo-ana greets Ana' },
    success: {
      es: '-e NOMBRE=Ana cambió la variable solo para ese contenedor (la imagen sigue diciendo mundo), y el shell del CMD la expandió: «Hola, Ana».',
      en: '-e NOMBRE=Ana changed the variable for that container only (the image still says mundo), and the CMD\'s shell expanded it: "Hola, Ana".',
    },
    hints: {
      missing: missingContainer('saludo-ana', RUN_SALUDO),
      afterImage: {
        es: 'saludo-ana intentó ejecutar el programa «{path}»: pusiste -e detrás del nombre de la imagen, y todo lo que va detrás es la orden del contenedor. Las opciones de docker run van antes de la imagen. Bórralo (docker rm saludo-ana) y créalo con: ' + RUN_SALUDO,
        en: 'saludo-ana tried to run the program "{path}": you put -e after the image name, and everything after it is the container\'s command. docker run\'s options go before the image. Remove it (docker rm saludo-ana) and create it with: ' + RUN_SALUDO,
      },
      noEnvFlag: {
        es: 'En saludo-ana, NOMBRE vale «{value}», no Ana: -e NOMBRE=Ana cambia la variable al crear el contenedor. Bórralo (docker rm saludo-ana) y créalo con: ' + RUN_SALUDO,
        en: 'In saludo-ana, NOMBRE is "{value}", not Ana: -e NOMBRE=Ana sets the variable when the container is created. Remove it (docker rm saludo-ana) and create it with: ' + RUN_SALUDO,
      },
      olderBuild: olderBuild('saludo-ana', 'saludo', 'docker build -t saludo saludo', RUN_SALUDO),
      literal: {
        es: 'saludo-ana escribió «{output}»: su CMD está en forma exec y nadie expandió $NOMBRE. Pasa el CMD a forma shell (CMD echo "Hola, $NOMBRE"), reconstruye (docker build -t saludo saludo), borra el contenedor (docker rm saludo-ana) y vuelve a crearlo: ' + RUN_SALUDO,
        en: 'saludo-ana printed "{output}": its CMD is in exec form and nobody expanded $NOMBRE. Turn the CMD into shell form (CMD echo "Hola, $NOMBRE"), rebuild (docker build -t saludo saludo), remove the container (docker rm saludo-ana) and create it again: ' + RUN_SALUDO,
      },
      wrongOutput: {
        es: 'saludo-ana escribió «{output}», no «Hola, Ana». Revisa el CMD de saludo/Dockerfile (CMD echo "Hola, $NOMBRE"), reconstruye y vuelve a crear el contenedor (docker rm saludo-ana; ' + RUN_SALUDO + ').',
        en: 'saludo-ana printed "{output}", not "Hola, Ana". Check the CMD in saludo/Dockerfile (CMD echo "Hola, $NOMBRE"), rebuild and create the container again (docker rm saludo-ana; ' + RUN_SALUDO + ').',
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'saludo-ana');
      if (!c) return fail('missing');
      if (c.Path.startsWith('-')) return fail('afterImage', { path: c.Path });
      const value = envValue(c.Config.Env, 'NOMBRE');
      if (value !== 'Ana') return fail('noEnvFlag', { value: value ?? '' });
      if (fromOlderBuild(c, await image(ctx, 'saludo'))) return fail('olderBuild');
      const out = ((await logs(ctx, c.Id))?.stdout ?? '').trim();
      if (out === 'Hola, Ana') return pass();
      if (out.includes('$NOMBRE')) return fail('literal', { output: out });
      return fail('wrongOutput', { output: out });
    },
  }),
  check({
    id: 'version-env',
    step: 'args',
    points: 10,
    title: { es: 'version guarda VERSION=2.0 en su configuración', en: 'version keeps VERSION=2.0 in its configuration' },
    success: {
      es: 'ARG recibió 2.0 con --build-arg, y ENV VERSION=$VERSION lo copió a la configuración de la imagen (Config.Env): ahora los contenedores también lo ven.',
      en: 'ARG got 2.0 from --build-arg, and ENV VERSION=$VERSION copied it into the image\'s configuration (Config.Env): now containers see it too.',
    },
    hints: {
      missing: noImage('version', BUILD_VERSION),
      argOnly: {
        es: 'La imagen version no tiene VERSION en su Config.Env: un ARG solo existe mientras se construye, no llega a los contenedores. Añade ENV VERSION=$VERSION después del ARG y reconstruye: ' + BUILD_VERSION,
        en: 'The version image has no VERSION in its Config.Env: an ARG only exists while the image is built, it never reaches containers. Add ENV VERSION=$VERSION after the ARG and rebuild: ' + BUILD_VERSION,
      },
      emptyVersion: {
        es: 'VERSION está en la imagen, pero vacío: cuando se ejecutó ENV VERSION=$VERSION, el ARG no estaba a la vista. Un ARG escrito antes de FROM solo sirve para la línea FROM, y ENV antes del ARG aún no lo conoce: pon ARG VERSION=1.0 después de FROM y ENV VERSION=$VERSION debajo. Reconstruye: ' + BUILD_VERSION,
        en: 'VERSION is in the image, but empty: when ENV VERSION=$VERSION ran, the ARG was not in scope. An ARG written before FROM only serves the FROM line, and an ENV above the ARG does not know it yet: put ARG VERSION=1.0 after FROM and ENV VERSION=$VERSION below it. Rebuild: ' + BUILD_VERSION,
      },
      defaultVersion: {
        es: 'VERSION vale 1.0, el valor por defecto del ARG: construiste sin --build-arg. Reconstruye dándole el valor: ' + BUILD_VERSION,
        en: 'VERSION is 1.0, the ARG\'s default: you built without --build-arg. Rebuild giving it the value: ' + BUILD_VERSION,
      },
      otherVersion: {
        es: 'VERSION vale «{value}», no 2.0. Reconstruye con: ' + BUILD_VERSION,
        en: 'VERSION is "{value}", not 2.0. Rebuild with: ' + BUILD_VERSION,
      },
    },
    async run(ctx) {
      const img = await image(ctx, 'version');
      if (!img) return fail('missing');
      const value = envValue(img.Config.Env, 'VERSION');
      if (value === null) return fail('argOnly');
      if (value === '') return fail('emptyVersion');
      if (value === '1.0') return fail('defaultVersion');
      if (value !== '2.0') return fail('otherVersion', { value });
      return pass();
    },
  }),
  check({
    id: 'version-run',
    step: 'args',
    points: 10,
    title: { es: 'version2 ve VERSION al ejecutarse', en: 'version2 sees VERSION when it runs' },
    success: {
      es: '«version.txt: 2.0 - VERSION: 2.0»: el fichero se escribió al construir, y la variable, guardada con ENV, sigue ahí al ejecutar.',
      en: '"version.txt: 2.0 - VERSION: 2.0": the file was written at build time, and the variable, kept with ENV, is still there at run time.',
    },
    hints: {
      missing: missingContainer('version2', RUN_VERSION),
      olderBuild: olderBuild('version2', 'version', BUILD_VERSION, RUN_VERSION),
      emptyAtRun: {
        es: 'version2 escribió «{output}»: VERSION está vacía al ejecutar, porque el ARG no pasa a los contenedores. Añade ENV VERSION=$VERSION después del ARG, reconstruye (' + BUILD_VERSION + '), borra el contenedor (docker rm version2) y vuelve a crearlo: ' + RUN_VERSION,
        en: 'version2 printed "{output}": VERSION is empty at run time, because the ARG does not reach containers. Add ENV VERSION=$VERSION after the ARG, rebuild (' + BUILD_VERSION + '), remove the container (docker rm version2) and create it again: ' + RUN_VERSION,
      },
      wrongOutput: {
        es: 'version2 escribió «{output}», no «version.txt: 2.0 - VERSION: 2.0». Reconstruye con --build-arg VERSION=2.0 (' + BUILD_VERSION + '), borra el contenedor (docker rm version2) y vuelve a crearlo: ' + RUN_VERSION,
        en: 'version2 printed "{output}", not "version.txt: 2.0 - VERSION: 2.0". Rebuild with --build-arg VERSION=2.0 (' + BUILD_VERSION + '), remove the container (docker rm version2) and create it again: ' + RUN_VERSION,
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'version2');
      if (!c) return fail('missing');
      if (fromOlderBuild(c, await image(ctx, 'version'))) return fail('olderBuild');
      const out = ((await logs(ctx, c.Id))?.stdout ?? '').trim();
      if (out === 'version.txt: 2.0 - VERSION: 2.0') return pass();
      if (/VERSION:$/.test(out)) return fail('emptyAtRun', { output: out });
      return fail('wrongOutput', { output: out });
    },
  }),
  check({
    id: 'notas-workdir',
    step: 'workdir',
    points: 10,
    title: { es: 'notas trabaja en /app (WORKDIR)', en: 'notas works in /app (WORKDIR)' },
    success: {
      es: 'WORKDIR /app cambió el directorio para las instrucciones siguientes y quedó guardado en la imagen (Config.WorkingDir): los contenedores arrancan ahí.',
      en: 'WORKDIR /app changed the directory for the instructions after it and was saved in the image (Config.WorkingDir): containers start there.',
    },
    hints: {
      missing: noImage('notas', 'docker build -t notas notas'),
      runCd: {
        es: 'La imagen notas no tiene directorio de trabajo: su historial tiene un RUN cd, pero cada RUN es un shell nuevo en un contenedor temporal, y el cd se pierde al terminar. Cambia RUN cd /app por WORKDIR /app (antes del COPY) y reconstruye: docker build -t notas notas',
        en: 'The notas image has no working directory: its history has a RUN cd, but each RUN is a new shell in a throw-away container, and the cd is lost when it ends. Replace RUN cd /app with WORKDIR /app (before the COPY) and rebuild: docker build -t notas notas',
      },
      noWorkdir: {
        es: 'La imagen notas no tiene directorio de trabajo (Config.WorkingDir vacío): sus contenedores arrancan en /. Añade WORKDIR /app antes del COPY y reconstruye: docker build -t notas notas',
        en: 'The notas image has no working directory (Config.WorkingDir is empty): its containers start in /. Add WORKDIR /app before the COPY and rebuild: docker build -t notas notas',
      },
      otherWorkdir: {
        es: 'El directorio de trabajo de notas es {dir}, no /app. Escribe WORKDIR /app y reconstruye: docker build -t notas notas',
        en: 'notas\'s working directory is {dir}, not /app. Write WORKDIR /app and rebuild: docker build -t notas notas',
      },
    },
    async run(ctx) {
      const img = await image(ctx, 'notas');
      if (!img) return fail('missing');
      const dir = img.Config.WorkingDir;
      if (dir === '/app') return pass();
      if (dir && dir !== '/') return fail('otherWorkdir', { dir });
      const history = (await imageHistory(ctx, 'notas')) ?? [];
      return fail(history.some((h) => /\bcd\s+\/?app\b/.test(h.CreatedBy)) ? 'runCd' : 'noWorkdir');
    },
  }),
  check({
    id: 'notas-runs',
    step: 'workdir',
    points: 5,
    title: { es: 'notas1 encontró notas.sh en /app', en: 'notas1 found notas.sh in /app' },
    success: {
      es: 'notas1 arrancó en /app, encontró notas.sh y terminó con 0.',
      en: 'notas1 started in /app, found notas.sh and exited with 0.',
    },
    hints: {
      missing: missingContainer('notas1', RUN_NOTAS),
      olderBuild: olderBuild('notas1', 'notas', 'docker build -t notas notas', RUN_NOTAS),
      cantOpen: {
        es: 'notas1 no encontró notas.sh («{error}»): arrancó en {dir}, y el fichero está en /app. Usa WORKDIR /app en el Dockerfile, reconstruye, borra el contenedor (docker rm notas1) y vuelve a crearlo: ' + RUN_NOTAS,
        en: 'notas1 did not find notas.sh ("{error}"): it started in {dir}, and the file is in /app. Use WORKDIR /app in the Dockerfile, rebuild, remove the container (docker rm notas1) and create it again: ' + RUN_NOTAS,
      },
      failed: {
        es: 'notas1 terminó con el código {code}. Mira qué dijo con docker logs notas1; bórralo (docker rm notas1) y vuelve a crearlo: ' + RUN_NOTAS,
        en: 'notas1 exited with code {code}. See what it said with docker logs notas1; remove it (docker rm notas1) and create it again: ' + RUN_NOTAS,
      },
      notInApp: {
        es: 'notas1 se ejecutó, pero no en /app (escribió «{output}»). Revisa el WORKDIR de notas/Dockerfile, reconstruye y vuelve a crear el contenedor (docker rm notas1; ' + RUN_NOTAS + ').',
        en: 'notas1 ran, but not in /app (it printed "{output}"). Check the WORKDIR in notas/Dockerfile, rebuild and create the container again (docker rm notas1; ' + RUN_NOTAS + ').',
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'notas1');
      if (!c) return fail('missing');
      if (fromOlderBuild(c, await image(ctx, 'notas'))) return fail('olderBuild');
      const out = await logs(ctx, c.Id);
      if (c.State.Running || c.State.ExitCode !== 0) {
        const error = out?.stderr.trim() ?? '';
        if (error.includes("can't open")) return fail('cantOpen', { error, dir: c.Config.WorkingDir || '/' });
        return fail('failed', { code: c.State.ExitCode });
      }
      return out?.stdout.includes('pwd: /app\n') ? pass() : fail('notInApp', { output: (out?.stdout ?? '').trim().replace(/\n/g, ' ') });
    },
  }),
  check({
    id: 'registro-user',
    step: 'user',
    points: 5,
    title: { es: 'registro se ejecuta como nobody', en: 'registro runs as nobody' },
    success: {
      es: 'USER nobody quedó en la configuración de la imagen (Config.User): sus contenedores no corren como root.',
      en: 'USER nobody is in the image\'s configuration (Config.User): its containers do not run as root.',
    },
    hints: {
      missing: noImage('registro', 'docker build -t registro registro'),
      root: {
        es: 'La imagen registro se ejecuta como root (Config.User es «{user}»). Quitar USER hace desaparecer el error de permisos, pero el proceso vuelve a tener todos los privilegios. Deja USER nobody y dale a nobody el directorio antes: RUN chown nobody /app.',
        en: 'The registro image runs as root (Config.User is "{user}"). Dropping USER makes the permission error go away, but the process gets every privilege back. Keep USER nobody and give nobody the directory before it: RUN chown nobody /app.',
      },
      otherUser: {
        es: 'La imagen registro se ejecuta como {user}, no como nobody. Escribe USER nobody y reconstruye: docker build -t registro registro',
        en: 'The registro image runs as {user}, not as nobody. Write USER nobody and rebuild: docker build -t registro registro',
      },
    },
    async run(ctx) {
      const img = await image(ctx, 'registro');
      if (!img) return fail('missing');
      const user = img.Config.User ?? '';
      if (isRoot(user)) return fail('root', { user });
      if (!['nobody', '65534'].includes(user.split(':')[0] ?? '')) return fail('otherUser', { user });
      return pass();
    },
  }),
  check({
    id: 'registro-writes',
    step: 'user',
    points: 15,
    title: { es: 'registro1 escribe su registro como nobody', en: 'registro1 writes its log as nobody' },
    success: {
      es: 'nobody pudo crear registro.txt: el directorio /app es suyo desde el RUN chown, que se ejecutó como root antes de USER.',
      en: 'nobody could create registro.txt: the /app directory is its own since the RUN chown, which ran as root before USER.',
    },
    hints: {
      chownAfterUser: {
        es: 'El último build de registro falló: «{error}». El RUN chown va después de USER nobody, así que lo ejecutó nobody, y solo root puede cambiar el dueño de un fichero. Pon RUN chown nobody /app antes de USER nobody y reconstruye: docker build -t registro registro',
        en: 'The last build of registro failed: "{error}". The RUN chown comes after USER nobody, so nobody ran it, and only root can change a file\'s owner. Put RUN chown nobody /app before USER nobody and rebuild: docker build -t registro registro',
      },
      buildFailed: {
        es: 'El último build de registro falló: «{error}». Revisa la línea que marca el editor en registro/Dockerfile y reconstruye: docker build -t registro registro',
        en: 'The last build of registro failed: "{error}". Check the line the editor marks in registro/Dockerfile and rebuild: docker build -t registro registro',
      },
      missing: missingContainer('registro1', RUN_REGISTRO),
      asRoot: {
        es: 'registro1 se ejecutó como root (usuario «{user}»), así que no había permisos que comprobar. Deja USER nobody en el Dockerfile (y no uses --user root), reconstruye, borra el contenedor (docker rm registro1) y vuelve a crearlo: ' + RUN_REGISTRO,
        en: 'registro1 ran as root (user "{user}"), so there were no permissions to check. Keep USER nobody in the Dockerfile (and no --user root), rebuild, remove the container (docker rm registro1) and create it again: ' + RUN_REGISTRO,
      },
      olderBuild: olderBuild('registro1', 'registro', 'docker build -t registro registro', RUN_REGISTRO),
      denied: {
        es: 'registro1 no pudo escribir: «{error}». /app es de root (lo crearon WORKDIR y COPY, antes de USER) y nobody no puede escribir en él. Añade RUN chown nobody /app antes de USER nobody, reconstruye, borra el contenedor (docker rm registro1) y vuelve a crearlo: ' + RUN_REGISTRO,
        en: 'registro1 could not write: "{error}". /app belongs to root (WORKDIR and COPY made it, before USER) and nobody cannot write in it. Add RUN chown nobody /app before USER nobody, rebuild, remove the container (docker rm registro1) and create it again: ' + RUN_REGISTRO,
      },
      failed: {
        es: 'registro1 terminó con el código {code}. Mira qué dijo con docker logs registro1; bórralo (docker rm registro1) y vuelve a crearlo: ' + RUN_REGISTRO,
        en: 'registro1 exited with code {code}. See what it said with docker logs registro1; remove it (docker rm registro1) and create it again: ' + RUN_REGISTRO,
      },
    },
    async run(ctx) {
      const b = ctx.lastBuild;
      if (b?.error && b.tags.some((t) => t.split(':')[0] === 'registro')) {
        const user = b.steps.findIndex((s) => /^USER\s/i.test(s.instruction));
        const chown = b.steps.findIndex((s) => /^RUN\s.*\bchown\b/i.test(s.instruction));
        return fail(user >= 0 && user < chown ? 'chownAfterUser' : 'buildFailed', { error: b.error.trim() });
      }
      const c = await container(ctx, 'registro1');
      if (!c) return fail('missing');
      if (isRoot(c.Config.User ?? '')) return fail('asRoot', { user: c.Config.User || 'root' });
      if (fromOlderBuild(c, await image(ctx, 'registro'))) return fail('olderBuild');
      if (c.State.Running || c.State.ExitCode !== 0) {
        const error = (await logs(ctx, c.Id))?.stderr.trim().split('\n')[0] ?? '';
        return /Permission denied/.test(error) ? fail('denied', { error }) : fail('failed', { code: c.State.ExitCode });
      }
      return pass();
    },
  }),
  check({
    id: 'sitio-published',
    step: 'expose',
    points: 15,
    title: { es: 'sitio, con el puerto 8000 publicado', en: 'sitio, with port 8000 published' },
    success: {
      es: 'EXPOSE 8000 documenta el puerto en la imagen; -p lo publica en la máquina. Ahora localhost:8000 llega a httpd.',
      en: 'EXPOSE 8000 documents the port in the image; -p publishes it on the machine. Now localhost:8000 reaches httpd.',
    },
    hints: {
      missing: missingContainer('sitio', RUN_SITIO),
      notRunning: {
        es: 'sitio no está en marcha (terminó con el código {code}). Bórralo (docker rm sitio) y vuelve a crearlo: ' + RUN_SITIO,
        en: 'sitio is not running (it exited with code {code}). Remove it (docker rm sitio) and create it again: ' + RUN_SITIO,
      },
      noExpose: {
        es: 'La imagen sitio ya no expone el puerto 8000. EXPOSE no abre nada, pero documenta en qué puerto escucha la aplicación (y es lo que publica -P): deja EXPOSE 8000 y reconstruye: docker build -t sitio sitio',
        en: 'The sitio image no longer exposes port 8000. EXPOSE opens nothing, but it documents the port the app listens on (and it is what -P publishes): keep EXPOSE 8000 and rebuild: docker build -t sitio sitio',
      },
      notPublished: {
        es: 'sitio tiene el puerto 8000 expuesto (EXPOSE) pero no publicado: docker ps muestra 8000/tcp sin flecha, y localhost:8000 no llega. EXPOSE solo documenta; publica con -p. Bórralo (docker rm -f sitio) y créalo con: ' + RUN_SITIO,
        en: 'sitio has port 8000 exposed (EXPOSE) but not published: docker ps shows 8000/tcp with no arrow, and localhost:8000 does not get there. EXPOSE only documents; publish with -p. Remove it (docker rm -f sitio) and create it with: ' + RUN_SITIO,
      },
      wrongPort: {
        es: 'sitio publica {ports}, pero httpd escucha en el 8000 del contenedor. La parte derecha de -p es el puerto de la aplicación: bórralo (docker rm -f sitio) y créalo con: ' + RUN_SITIO,
        en: 'sitio publishes {ports}, but httpd listens on the container\'s port 8000. The right side of -p is the app\'s port: remove it (docker rm -f sitio) and create it with: ' + RUN_SITIO,
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'sitio');
      if (!c) return fail('missing');
      if (!c.State.Running) return fail('notRunning', { code: c.State.ExitCode });
      const img = await image(ctx, 'sitio');
      if (!Object.keys(img?.Config.ExposedPorts ?? {}).includes('8000/tcp')) return fail('noExpose');
      const ports = c.NetworkSettings.Ports ?? {};
      if ((ports['8000/tcp'] ?? []).some((b) => b.HostPort)) return pass();
      const other = Object.entries(ports).filter(([, b]) => (b ?? []).length > 0).map(([p, b]) => `${b![0]!.HostPort}->${p}`);
      return other.length > 0 ? fail('wrongPort', { ports: other.join(', ') }) : fail('notPublished');
    },
  }),
]);
