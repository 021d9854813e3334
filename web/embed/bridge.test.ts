import { describe, expect, it } from 'vitest';
import { connectEmbed, type BridgeWindow, type EmbedTarget, type ParentWindow } from './bridge.ts';

function harness(allowed = ['https://course.example']) {
  const listeners = new Set<(e: MessageEvent) => void>();
  const win: BridgeWindow = { addEventListener: (_t, l) => listeners.add(l), removeEventListener: (_t, l) => listeners.delete(l) };
  const posted: Array<{ message: unknown; origin: string }> = [];
  const parent: ParentWindow = { postMessage: (message, origin) => posted.push({ message, origin }) };
  const done: string[] = [];
  let release: () => void = () => {};
  const target: EmbedTarget = {
    runCommand: async (line) => {
      if (line === 'slow') await new Promise<void>((r) => { release = r; });
      if (line === 'boom') throw new Error('the terminal is gone');
      done.push(`run ${line}`);
    },
    loadFiles: async (files) => { done.push(`files ${[...files.keys()].join(',')}`); },
    reset: async () => { done.push('reset'); },
  };
  const warnings: string[] = [];
  const bridge = connectEmbed({ window: win, parent, allowed, target, warn: (m) => warnings.push(m) });
  const send = (data: unknown, origin = 'https://course.example', source: unknown = parent) => {
    for (const l of listeners) l({ data, origin, source } as MessageEvent);
  };
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { bridge, send, posted, done, warnings, settle, listeners, release: () => release() };
}

describe('the embed bridge', () => {
  it('runs commands from the parent at an allowed origin, in order, and answers those with an id', async () => {
    const h = harness();
    h.send({ dockerPlayground: 1, command: 'run', line: 'slow', id: 1 });
    h.send({ dockerPlayground: 1, command: 'load-files', files: { Dockerfile: 'FROM alpine' }, id: 2 });
    h.send({ dockerPlayground: 1, command: 'reset' });
    await h.settle();
    expect(h.done).toEqual([]);            // the first is still typing: the others wait their turn
    h.release();
    await h.settle(); await h.settle();
    expect(h.done).toEqual(['run slow', 'files Dockerfile', 'reset']);
    expect(h.posted).toEqual([
      { message: { dockerPlayground: 1, event: 'result', id: 1, ok: true }, origin: 'https://course.example' },
      { message: { dockerPlayground: 1, event: 'result', id: 2, ok: true }, origin: 'https://course.example' },
    ]);
  });

  it('ignores other origins and other frames without answering', async () => {
    const h = harness();
    h.send({ dockerPlayground: 1, command: 'run', line: 'docker rm -f web', id: 1 }, 'https://evil.example');
    h.send({ dockerPlayground: 1, command: 'run', line: 'docker rm -f web', id: 2 }, 'https://course.example', { postMessage() {} });
    h.send({ dockerPlayground: 1, command: 'run', line: 'docker rm -f web', id: 3 }, 'null');
    await h.settle();
    expect(h.done).toEqual([]);
    expect(h.posted).toEqual([]);
    expect(h.warnings).toEqual([]);
  });

  it('answers a malformed or failing command with its error (when it has an id), and keeps serving', async () => {
    const h = harness();
    h.send({ dockerPlayground: 1, command: 'load-files', files: { '../x': '' }, id: 5 });
    h.send({ dockerPlayground: 1, command: 'run', line: 'boom', id: 6 });
    h.send({ dockerPlayground: 1, command: 'run', line: 'docker ps', id: 7 });
    await h.settle(); await h.settle();
    expect(h.posted.map((p) => p.message)).toEqual([
      { dockerPlayground: 1, event: 'result', id: 5, ok: false, error: expect.stringMatching(/no "\.\."/) },
      { dockerPlayground: 1, event: 'result', id: 6, ok: false, error: 'the terminal is gone' },
      { dockerPlayground: 1, event: 'result', id: 7, ok: true },
    ]);
    expect(h.done).toEqual(['run docker ps']);
    expect(h.warnings).toHaveLength(2);
  });

  it('posts events to the allowed origins only; none when no origin is allowed', () => {
    const h = harness(['https://a.example', 'https://b.example']);
    h.bridge.emit({ event: 'check-passed', lesson: '05-layers', step: 'history', check: 'layers', points: 10 });
    expect(h.posted.map((p) => p.origin)).toEqual(['https://a.example', 'https://b.example']);
    const none = harness([]);
    none.bridge.emit({ event: 'ready', lesson: null, lang: 'es' });
    none.send({ dockerPlayground: 1, command: 'reset', id: 1 }, 'https://a.example');
    expect(none.posted).toEqual([]);
  });

  it('stops listening when disposed', () => {
    const h = harness();
    h.bridge.dispose();
    expect(h.listeners.size).toBe(0);
    h.bridge.emit({ event: 'ready', lesson: null, lang: 'en' });
    expect(h.posted).toEqual([]);
  });
});
