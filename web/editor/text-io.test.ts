import { describe, expect, it } from 'vitest';
import { decodeText, humanSize, MAX_EDITABLE_BYTES, minimalEdit, NotEditableError, textIo } from './text-io.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('decodeText', () => {
  it('decodes UTF-8 and keeps a byte-order mark so the file is written back as read', () => {
    expect(decodeText(enc('¡Hola!'))).toBe('¡Hola!');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('\ufeffA');
  });
  it('refuses binary: invalid UTF-8 or a NUL byte', () => {
    expect(decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(decodeText(new Uint8Array([0x41, 0x00, 0x42]))).toBeNull();
  });
});

describe('textIo', () => {
  const engine = (bytes: Uint8Array) => {
    const written: Array<[string, Uint8Array | string]> = [];
    const dirs: string[] = [];
    return { written, dirs, readFile: async () => bytes, writeFile: async (p: string, d: Uint8Array | string) => { written.push([p, d]); }, mkdir: async (p: string) => { dirs.push(p); } };
  };
  it('reads text and writes it through the connection', async () => {
    const e = engine(enc('FROM alpine\n'));
    const io = textIo(e);
    expect(await io.read('Dockerfile')).toBe('FROM alpine\n');
    await io.write('Dockerfile', 'FROM nginx\n');
    expect(e.written).toEqual([['Dockerfile', 'FROM nginx\n']]);
    expect(e.dirs).toEqual([]);
  });
  it('creates a deleted file\'s folder again before writing it', async () => {
    const e = engine(enc(''));
    await textIo(e).create!('site/index.html', 'x');
    expect(e.dirs).toEqual(['site']);
    expect(e.written).toEqual([['site/index.html', 'x']]);
  });
  it('says which files it will not open', async () => {
    await expect(textIo(engine(new Uint8Array([0xff, 0xfe, 0x00]))).read('logo.png')).rejects.toMatchObject({ reason: 'binary', size: 3 });
    const big = textIo(engine(new Uint8Array(MAX_EDITABLE_BYTES + 1).fill(0x61)));
    await expect(big.read('big.txt')).rejects.toBeInstanceOf(NotEditableError);
  });
});

describe('minimalEdit', () => {
  const apply = (before: string, e: { start: number; end: number; text: string }): string => before.slice(0, e.start) + e.text + before.slice(e.end);
  it('replaces only the span that changed', () => {
    expect(minimalEdit('FROM a\nRUN x\n', 'FROM a\nRUN y\n')).toEqual({ start: 11, end: 12, text: 'y' });
    expect(minimalEdit('abc', 'abc')).toEqual({ start: 3, end: 3, text: '' });
    expect(minimalEdit('', 'new')).toEqual({ start: 0, end: 0, text: 'new' });
    expect(minimalEdit('aXa', 'aa')).toEqual({ start: 1, end: 2, text: '' });
  });
  it('always reproduces the new text, and never splits a surrogate pair', () => {
    const cases: Array<[string, string]> = [['😀a', '😁a'], ['a😀', 'a😁'], ['aaa', 'aaaa'], ['abcabc', 'abc'], ['x\ny\n', 'x\nz\ny\n']];
    for (const [before, after] of cases) {
      const e = minimalEdit(before, after);
      expect(apply(before, e), `${before} → ${after}`).toBe(after);
      expect(e.text.length === 0 || !/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(e.text), `${before} → ${after}`).toBe(true);
    }
  });
});

it('humanSize prints decimal units as Docker does', () => {
  expect(humanSize(999)).toBe('999 B');
  expect(humanSize(12_345)).toBe('12.3 kB');
  expect(humanSize(32 * 1024 * 1024)).toBe('33.6 MB');
  expect(humanSize(250_000)).toBe('250 kB');
});
