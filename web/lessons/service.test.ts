// The worker's lesson service on a real engine and host machine, its
// progress in fake-indexeddb: grading lesson 02's first step with what the
// recorder saw at the shell, the results kept as progress; the recorder's
// commands restored after a "reload" (a service opened again on the same
// storage) and forgotten by a machine reset, which keeps the points;
// starter files written without losing the student's edits.
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { createEngine, EngineClient, engineTransport, HostMachine, inProcessClient, MemoryFs, type Engine } from '../../sandbox/index.ts';
import { seedWorkspace, SEED_FILES } from '../engine/seed.ts';
import { LessonService } from './service.ts';
import type { LessonProgress } from './progress.ts';
import { lessonCatalog } from '../../lessons/index.ts';

const ROOT = '/home/student';
const PROMPT_AT_END = /(^|[\r\n])student@playground:[^\r\n]*\$ $/;

async function machine(factory: IDBFactory) {
  const problems: string[] = [];
  const service = await LessonService.open(factory, (kind, message) => problems.push(`${kind}: ${message}`), { delayMs: 0 });
  const fs = new MemoryFs();
  const engine: Engine = await createEngine({ hostFs: fs });
  const host = new HostMachine({ client: new EngineClient(service.recorder.wrap(engineTransport(engine))), fs });
  seedWorkspace(fs, ROOT);
  const reported: LessonProgress[][] = [];
  let changes = 0;
  service.attach({ host, fs, root: ROOT, client: inProcessClient(engine), changed: () => { changes++; }, onProgress: (l) => reported.push(l) });
  const term = host.openTerminal({ cols: 120, rows: 40 });
  let screen = '';
  const dec = new TextDecoder();
  term.onOutput((d) => { screen += dec.decode(d, { stream: true }); });
  const until = async (ok: () => boolean): Promise<void> => {
    for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
    if (!ok()) throw new Error(`timed out; the screen ends with ${screen.slice(-300)}`);
  };
  await until(() => PROMPT_AT_END.test(screen));
  const type = async (line: string): Promise<void> => {
    const from = screen.length;
    term.input(`${line}\r`);
    await until(() => PROMPT_AT_END.test(screen.slice(from)));
  };
  const read = (p: string): string => dec.decode(fs.readFileSync(`${ROOT}/${p}`));
  const dispose = async (): Promise<void> => {
    term.close();
    for (const c of engine.containers.list()) await inProcessClient(engine).request('DELETE', `/containers/${c.id}`, { query: { force: true } }).catch(() => null);
  };
  return { service, fs, type, read, reported, problems, changes: () => changes, dispose };
}

describe('the lesson service', () => {
  it('grades a step with what the shell saw, keeps the points and restores the recorder after a reload', async () => {
    const factory = new IDBFactory();
    const m = await machine(factory);
    try {
      const wrong = await m.service.handle({ op: 'grade', lesson: 'first-container', step: 'run' });
      expect(wrong.results.map((r) => [r.id, r.passed, r.hint])).toEqual([['web-running', false, 'missing']]);
      await m.type('docker run -d --name web -p 8080:80 nginx:alpine');
      await m.type('docker logs web');
      const right = await m.service.handle({ op: 'grade', lesson: '02-first-container', step: 'run' });
      expect(right.results.map((r) => [r.id, r.passed, r.earned])).toEqual([['web-running', true, 15]]);
      const { checks } = await lessonCatalog().find((e) => e.meta.id === 'first-container')!.open();
      expect(right.progress).toMatchObject({ lesson: 'first-container', total: checks.list.reduce((n, c) => n + c.points, 0), completedAt: null });
      expect(right.progress.checks.find((c) => c.id === 'web-running')).toMatchObject({ earned: 15, attempts: 2, last: { passed: true } });
      // logs-read reads the commands typed: the recorder followed the shell.
      const look = await m.service.handle({ op: 'grade', lesson: 'first-container', step: 'look' });
      expect(look.results.find((r) => r.id === 'logs-read')?.passed).toBe(true);
      expect(m.reported.at(-1)?.[0]?.lesson).toBe('first-container');
    } finally {
      await m.dispose();
    }
    // A reload: the same storage, a new service and machine.
    const again = await machine(factory);
    try {
      expect(again.service.recorder.state().commands).toEqual(['docker run -d --name web -p 8080:80 nginx:alpine', 'docker logs web']);
      expect(again.service.lessons[0]!.checks.find((c) => c.id === 'web-running')?.earned).toBe(15);
      expect(again.problems).toEqual([]);
      // A reset: the commands are gone with the old machine, the points stay.
      await again.service.reset();
    } finally {
      await again.dispose();
    }
    const afterReset = await machine(factory);
    try {
      expect(afterReset.service.recorder.state().commands).toEqual([]);
      expect(afterReset.service.lessons[0]!.checks.find((c) => c.id === 'web-running')?.earned).toBe(15);
    } finally {
      await afterReset.dispose();
    }
  }, 30_000);

  it('writes starter files over the playground\'s own, asks before replacing the student\'s, and refuses paths outside the workspace', async () => {
    const m = await machine(new IDBFactory());
    try {
      // The seed's Dockerfile is the playground's: replaced without asking.
      const first = await m.service.handle({ op: 'files', lesson: 'demo', start: true, files: [['Dockerfile', 'FROM busybox\n'], ['app/main.sh', 'echo hola\n']], onConflict: 'ask' });
      expect(first).toMatchObject({ written: ['Dockerfile', 'app/main.sh'], conflicts: [] });
      expect(m.read('app/main.sh')).toBe('echo hola\n');
      expect(m.service.lessons.find((l) => l.lesson === 'demo')?.startedAt).toBeTruthy();
      expect(m.changes()).toBeGreaterThan(0);
      // The student edits one: asked about it, nothing written until answered.
      await m.type('echo "# mine" >> Dockerfile');
      const asked = await m.service.handle({ op: 'files', lesson: 'demo', start: true, files: [['Dockerfile', 'FROM alpine\n'], ['app/main.sh', 'echo hola\n']], onConflict: 'ask' });
      expect(asked).toMatchObject({ written: [], unchanged: ['app/main.sh'], conflicts: ['Dockerfile'] });
      expect(m.read('Dockerfile')).toBe('FROM busybox\n# mine\n');
      const copied = await m.service.handle({ op: 'files', lesson: 'demo', start: true, files: [['Dockerfile', 'FROM alpine\n']], onConflict: 'keep-copy' });
      expect(copied).toMatchObject({ written: ['Dockerfile'], copies: [['Dockerfile', 'Dockerfile.bak']] });
      expect([m.read('Dockerfile'), m.read('Dockerfile.bak')]).toEqual(['FROM alpine\n', 'FROM busybox\n# mine\n']);
      // What the lesson wrote is the playground's again: a later write needs no question.
      const later = await m.service.handle({ op: 'files', lesson: null, start: false, files: [['Dockerfile', 'FROM nginx\n']], onConflict: 'ask' });
      expect(later.written).toEqual(['Dockerfile']);
      await expect(m.service.handle({ op: 'files', lesson: null, start: false, files: [['../etc/passwd', 'x']], onConflict: 'ask' })).rejects.toThrow('not a path inside the workspace');
      await expect(m.service.handle({ op: 'files', lesson: null, start: false, files: [['/etc/passwd', 'x']], onConflict: 'ask' })).rejects.toThrow('not a path inside the workspace');
      expect(Object.keys(SEED_FILES)).toContain('Dockerfile');
    } finally {
      await m.dispose();
    }
  });

  it('says so when a lesson does not exist', async () => {
    const m = await machine(new IDBFactory());
    try {
      await expect(m.service.handle({ op: 'grade', lesson: 'no-such-lesson', step: null })).rejects.toThrow('there is no lesson "no-such-lesson"');
    } finally {
      await m.dispose();
    }
  });
});
