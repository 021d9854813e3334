// The practice machine plays scripts as a student would: lines at the
// prompt, an interactive container session through #@ expect, ^C, the
// editor writing a file mid-way, the Preview opening a port — and says
// where it got stuck when a line never gives the prompt back.
import { describe, expect, it } from 'vitest';
import { check, defineChecks, fail, pass } from './checks.ts';
import { logs } from './reads.ts';
import { atPrompt, PracticeMachine } from './runner.ts';
import { parseScript } from './script.ts';

const checks = defineChecks([
  check({
    id: 'served', step: 'web', points: 1, title: { es: 't', en: 't' }, success: { es: 's', en: 's' },
    hints: { none: { es: 'n', en: 'n' } },
    async run(ctx) { return /"GET \/hola HTTP/.test((await logs(ctx, 'web'))?.stdout ?? '') ? pass() : fail('none'); },
  }),
]);

describe('atPrompt', () => {
  it('finds the prompt at the end of the screen, also after control sequences at the start of its line', () => {
    expect(atPrompt('done\r\nstudent@playground:~$ ')).toBe(true);
    expect(atPrompt(' ✔ Container demo-web-1 Started\n\x1b[?25hstudent@playground:~/demo$ ')).toBe(true);
    expect(atPrompt('student@playground:~$ docker ps')).toBe(false);
    expect(atPrompt('echo student@playground:~$ ')).toBe(false);
  });
});

describe('PracticeMachine.play', () => {
  it('types lines, runs an interactive session, presses ^C, writes files, opens ports and grades where told', async () => {
    const m = await PracticeMachine.boot();
    try {
      const script = parseScript([
        'docker run -it --rm alpine sh',
        '#@ expect / # ',
        'echo inside $(cat /etc/alpine-release | wc -l)',
        '#@ expect inside 1',
        'exit',
        '#@ file notes/todo.txt steps/todo-v2.txt',
        'cat notes/todo.txt',
        'docker run -d --name web -p 8080:80 nginx:alpine',
        '#@ open 8080 /hola',
        '#@ check web',
        'docker logs -f web',
        '#@ expect /hola',
        '#@ key ctrl-c',
        'echo "status $?"',
      ].join('\n'), 'test');
      expect(script.issues).toEqual([]);
      const points = await m.play(script.actions, checks, (p) => (p === 'steps/todo-v2.txt' ? 'second version\n' : ''));
      expect(points).toEqual([{ step: 'web', line: 10, results: [expect.objectContaining({ id: 'served', passed: true })] }]);
      expect(m.transcript).toContain('inside 1');
      expect(m.transcript).toContain('cat notes/todo.txt\r\nsecond version\r\n');
      expect(m.transcript).toContain('status 130');
      expect(m.host.fs.statSync('/home/student/notes/todo.txt').uid).toBe(1000);
      expect(m.context().commands).toEqual(['docker run -it --rm alpine sh', 'cat notes/todo.txt', 'docker run -d --name web -p 8080:80 nginx:alpine', 'docker logs -f web', 'echo "status $?"']);
    } finally {
      await m.dispose();
    }
  });

  it('a line that never gives the prompt back fails with what it waited for and the screen', async () => {
    const m = await PracticeMachine.boot({ waitMs: 500 });
    try {
      const { actions } = parseScript('docker run --name ticker busybox sh -c "while true; do echo tick; sleep 1; done"', 'test');
      await expect(m.play(actions, checks, () => '')).rejects.toThrow(/timed out after 0\.5 s waiting for the prompt after "docker run --name ticker .*" \(line 1\); the terminal ends with:\n[^]*tick/);
    } finally {
      await m.dispose();
    }
  });
});
