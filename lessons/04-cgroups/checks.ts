// Lesson 04's checks, read from the engine through the Engine API: the
// limits each container was created with (HostConfig.Memory, NanoCpus,
// PidsLimit), how hog ended (State.OOMKilled and ExitCode, plus its 'oom'
// event), whether busy's CPU quota really ran out (the throttled periods in
// its stats), and what the kernel enforces inside bomb (pids.max read with
// an exec) — and that the engine still answers after the fork bomb.
import { check, defineChecks, fail, pass } from '../kit/checks.ts';
import { missingContainer } from '../kit/hints.ts';
import { dockerCalls } from '../kit/commands.ts';
import { container, containerEvents, engineInfo, execIn } from '../kit/reads.ts';

const MIB = 1024 * 1024;

const RUN_LIM = 'docker run -d --name lim -m 32m busybox sleep 1000';
const RUN_HOG = `docker run --name hog -m 8m busybox sh -c 'x=a; while true; do x=$x$x; done'`;
const RUN_BUSY = `docker run -d --name busy --cpus 0.5 busybox sh -c 'while true; do :; done'`;
const RUN_BOMB = 'docker run -d --name bomb --pids-limit 20 busybox sleep 1000';
const BOMB = `docker exec bomb sh -c 'b() { b | b & }; b'`;

const stopped = (name: string, run: string) => ({
  es: `${name} no está en marcha (terminó con el código {code}). Bórralo con docker rm ${name} y vuelve a crearlo: ${run}`,
  en: `${name} is not running (it ended with code {code}). Remove it with docker rm ${name} and create it again: ${run}`,
});

/** One sample of `docker stats --no-stream`, the fields checks read. */
interface StatsSample { cpu_stats: { throttling_data?: { periods: number; throttled_periods: number; throttled_time: number } } }

export default defineChecks([
  check({
    id: 'lim-limited',
    step: 'memory',
    points: 10,
    title: { es: 'lim en marcha con 32 MiB de memoria como máximo', en: 'lim running with at most 32 MiB of memory' },
    success: {
      es: 'El motor escribió 33554432 (32 MiB) en memory.max del cgroup de lim: el kernel no le dejará pasar de ahí.',
      en: 'The engine wrote 33554432 (32 MiB) into memory.max of lim\'s cgroup: the kernel will not let it go past that.',
    },
    hints: {
      missing: missingContainer('lim', RUN_LIM),
      noLimit: {
        es: 'lim no tiene límite de memoria (HostConfig.Memory es 0, memory.max dice «max»): puede usar toda la memoria de la máquina. Bórralo (docker rm -f lim) y créalo con -m 32m: ' + RUN_LIM,
        en: 'lim has no memory limit (HostConfig.Memory is 0, memory.max says "max"): it may use all the machine\'s memory. Remove it (docker rm -f lim) and create it with -m 32m: ' + RUN_LIM,
      },
      wrongLimit: {
        es: 'lim tiene un límite de {bytes} bytes, no de 32 MiB (33554432). Fíjate en la unidad: m son megas (32m), sin unidad son bytes. Bórralo (docker rm -f lim) y vuelve a crearlo: ' + RUN_LIM,
        en: 'lim is limited to {bytes} bytes, not 32 MiB (33554432). Mind the unit: m means megabytes (32m), no unit means bytes. Remove it (docker rm -f lim) and create it again: ' + RUN_LIM,
      },
      notRunning: stopped('lim', RUN_LIM),
    },
    async run(ctx) {
      const c = await container(ctx, 'lim');
      if (!c) return fail('missing');
      if (!c.HostConfig.Memory) return fail('noLimit');
      if (c.HostConfig.Memory !== 32 * MIB) return fail('wrongLimit', { bytes: c.HostConfig.Memory });
      if (!c.State.Running) return fail('notRunning', { code: c.State.ExitCode });
      return pass();
    },
  }),
  check({
    id: 'hog-oom',
    step: 'oom',
    points: 15,
    title: { es: 'hog, terminado por el OOM killer', en: 'hog, ended by the OOM killer' },
    success: {
      es: 'Código 137 y OOMKilled true: al pasar de 8 MiB, el OOM killer del kernel mató a hog con SIGKILL (128 + 9 = 137).',
      en: 'Exit code 137 and OOMKilled true: past 8 MiB, the kernel\'s OOM killer ended hog with SIGKILL (128 + 9 = 137).',
    },
    hints: {
      missing: missingContainer('hog', RUN_HOG),
      noLimit: {
        es: 'hog no tiene límite de memoria (HostConfig.Memory es 0), así que no había techo con el que chocar. Bórralo (docker rm -f hog) y lánzalo con -m 8m: ' + RUN_HOG,
        en: 'hog has no memory limit (HostConfig.Memory is 0), so there was no ceiling to hit. Remove it (docker rm -f hog) and run it with -m 8m: ' + RUN_HOG,
      },
      killed: {
        es: 'hog terminó con 137 pero OOMKilled es false: fue un SIGKILL de fuera (docker kill, o docker stop pasado el plazo), no la falta de memoria. 137 solo significa «memoria» si OOMKilled es true. Bórralo (docker rm hog) y deja que el bucle llene la memoria: ' + RUN_HOG,
        en: 'hog exited with 137 but OOMKilled is false: it was a SIGKILL from outside (docker kill, or docker stop after its timeout), not running out of memory. 137 only means "memory" when OOMKilled is true. Remove it (docker rm hog) and let the loop fill the memory: ' + RUN_HOG,
      },
      stillRunning: {
        es: 'hog sigue en marcha: su orden no está gastando memoria (¿es sleep?). Bórralo (docker rm -f hog) y lánzalo con el bucle que dobla la cadena: ' + RUN_HOG,
        en: 'hog is still running: its command is not using up memory (is it sleep?). Remove it (docker rm -f hog) and run it with the loop that doubles the string: ' + RUN_HOG,
      },
      otherExit: {
        es: 'hog terminó con el código {code} sin que el OOM killer actuara: su orden acabó por sí sola (¿un error al escribirla?). Bórralo (docker rm hog) y vuelve a lanzarlo tal cual: ' + RUN_HOG,
        en: 'hog exited with code {code} without the OOM killer stepping in: its command ended on its own (a typo?). Remove it (docker rm hog) and run it again exactly as: ' + RUN_HOG,
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'hog');
      if (!c) return fail('missing');
      const oomEvent = (await containerEvents(ctx, c.Id)).some((e) => e.Action === 'oom');
      if (c.State.OOMKilled && c.State.ExitCode === 137 && oomEvent) return pass();
      if (!c.HostConfig.Memory) return fail('noLimit');
      if (c.State.Running) return fail('stillRunning');
      if (c.State.ExitCode === 137) return fail('killed');
      return fail('otherExit', { code: c.State.ExitCode });
    },
  }),
  check({
    id: 'busy-quota',
    step: 'cpu',
    points: 10,
    title: { es: 'busy en marcha con media CPU como cuota', en: 'busy running with half a CPU as its quota' },
    success: {
      es: '--cpus 0.5 es una cuota: 50 ms de CPU por cada periodo de 100 ms (cpu.max dice «50000 100000»).',
      en: '--cpus 0.5 is a quota: 50 ms of CPU in every 100 ms period (cpu.max says "50000 100000").',
    },
    hints: {
      missing: missingContainer('busy', RUN_BUSY),
      noQuota: {
        es: 'busy no tiene cuota de CPU (HostConfig.NanoCpus es 0). Bórralo (docker rm -f busy) y créalo con --cpus 0.5: ' + RUN_BUSY,
        en: 'busy has no CPU quota (HostConfig.NanoCpus is 0). Remove it (docker rm -f busy) and create it with --cpus 0.5: ' + RUN_BUSY,
      },
      wrongQuota: {
        es: 'busy tiene --cpus {cpus}, no 0.5. Bórralo (docker rm -f busy) y vuelve a crearlo: ' + RUN_BUSY,
        en: 'busy has --cpus {cpus}, not 0.5. Remove it (docker rm -f busy) and create it again: ' + RUN_BUSY,
      },
      notRunning: stopped('busy', RUN_BUSY),
    },
    async run(ctx) {
      const c = await container(ctx, 'busy');
      if (!c) return fail('missing');
      if (!c.HostConfig.NanoCpus) return fail('noQuota');
      if (c.HostConfig.NanoCpus !== 500_000_000) return fail('wrongQuota', { cpus: c.HostConfig.NanoCpus / 1e9 });
      if (!c.State.Running) return fail('notRunning', { code: c.State.ExitCode });
      return pass();
    },
  }),
  check({
    id: 'busy-throttled',
    step: 'cpu',
    points: 10,
    title: { es: 'El kernel frena a busy', en: 'The kernel throttles busy' },
    success: {
      es: 'busy quiere el 100 % de una CPU y solo tiene el 50 %: en cada periodo agota su cuota y espera (nr_throttled sube). No muere: va más lento.',
      en: 'busy wants 100 % of a CPU and only gets 50 %: in every period it uses up its quota and waits (nr_throttled goes up). It does not die: it runs slower.',
    },
    hints: {
      missing: missingContainer('busy', RUN_BUSY),
      notRunning: stopped('busy', RUN_BUSY),
      noQuota: {
        es: 'busy no tiene cuota de CPU (--cpus), así que nunca lo frenan. Bórralo (docker rm -f busy) y créalo con: ' + RUN_BUSY,
        en: 'busy has no CPU quota (--cpus), so it is never throttled. Remove it (docker rm -f busy) and create it with: ' + RUN_BUSY,
      },
      idle: {
        es: 'busy todavía no ha agotado su cuota en ningún periodo: su orden apenas gasta CPU (¿es sleep?) o no ha pasado tiempo. Si es sleep, bórralo (docker rm -f busy) y créalo con el bucle: ' + RUN_BUSY + ' ; si ya es el bucle, espera un segundo y vuelve a comprobar.',
        en: 'busy has not used up its quota in any period yet: its command hardly uses CPU (is it sleep?) or no time has passed. If it is sleep, remove it (docker rm -f busy) and create it with the loop: ' + RUN_BUSY + ' ; if it already is the loop, wait a second and check again.',
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'busy');
      if (!c) return fail('missing');
      if (!c.State.Running) return fail('notRunning', { code: c.State.ExitCode });
      if (!c.HostConfig.NanoCpus) return fail('noQuota');
      const s = await ctx.client.json<StatsSample>('GET', `/containers/${c.Id}/stats`, { query: { stream: false } });
      return (s.cpu_stats.throttling_data?.throttled_periods ?? 0) > 0 ? pass() : fail('idle');
    },
  }),
  check({
    id: 'bomb-contained',
    step: 'pids',
    points: 15,
    title: { es: 'Una fork bomb contenida por pids.max', en: 'A fork bomb contained by pids.max' },
    success: {
      es: 'pids.max es 20 dentro de bomb: la fork bomb chocó con el límite («can\'t fork») y el motor siguió respondiendo.',
      en: 'pids.max is 20 inside bomb: the fork bomb hit the limit ("can\'t fork") and the engine kept answering.',
    },
    hints: {
      missing: missingContainer('bomb', RUN_BOMB),
      noLimit: {
        es: 'bomb no tiene límite de procesos (HostConfig.PidsLimit vacío, pids.max dice «max»). ¡No lances la fork bomb ahí! Bórralo (docker rm -f bomb) y créalo con --pids-limit 20: ' + RUN_BOMB,
        en: 'bomb has no process limit (HostConfig.PidsLimit empty, pids.max says "max"). Do not run the fork bomb in there! Remove it (docker rm -f bomb) and create it with --pids-limit 20: ' + RUN_BOMB,
      },
      wrongLimit: {
        es: 'bomb tiene --pids-limit {limit}, no 20. Bórralo (docker rm -f bomb) y vuelve a crearlo: ' + RUN_BOMB,
        en: 'bomb has --pids-limit {limit}, not 20. Remove it (docker rm -f bomb) and create it again: ' + RUN_BOMB,
      },
      notRunning: stopped('bomb', RUN_BOMB),
      noBomb: {
        es: 'El límite está puesto (pids.max es 20), pero aún no has lanzado la fork bomb dentro de bomb: ' + BOMB,
        en: 'The limit is in place (pids.max is 20), but you have not run the fork bomb inside bomb yet: ' + BOMB,
      },
    },
    async run(ctx) {
      const c = await container(ctx, 'bomb');
      if (!c) return fail('missing');
      const limit = c.HostConfig.PidsLimit ?? 0;
      if (limit <= 0) return fail('noLimit');
      if (limit !== 20) return fail('wrongLimit', { limit });
      if (!c.State.Running) return fail('notRunning', { code: c.State.ExitCode });
      const max = (await execIn(ctx, c, ['cat', '/sys/fs/cgroup/pids.max'])).stdout.trim();
      if (max !== '20') return fail('wrongLimit', { limit: max });
      const ranBomb = dockerCalls(ctx.commands).some((d) => d.verb === 'exec' && d.rest.includes('bomb') && d.rest.join(' ').includes('b | b &'));
      if (!ranBomb) return fail('noBomb');
      await engineInfo(ctx); // the engine still answers
      return pass();
    },
  }),
]);
