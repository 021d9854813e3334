// Built-in binaries: the marker names the program, and may carry the version
// of that build after it.
import { describe, expect, it } from 'vitest';
import { contentBytes } from './content.ts';
import { isElf, programBinary, programOf, programVersionOf } from './executable.ts';

describe('built-in program binaries', () => {
  it('name their program, and their version when built with one', () => {
    const plain = programBinary('node', 4096, '/usr/local/bin/node');
    const twenty = programBinary('node', 4096, '/usr/local/bin/node', '20.20.2');
    expect([programOf(plain), programVersionOf(plain)]).toEqual(['node', null]);
    expect([programOf(twenty), programVersionOf(twenty)]).toEqual(['node', '20.20.2']);
    expect(isElf(twenty)).toBe(true);
    expect(contentBytes(twenty).length).toBe(4096);
  });

  it('other content has neither', () => {
    const text = new TextEncoder().encode('#!/bin/sh\necho hi\n');
    expect([programOf(text), programVersionOf(text)]).toEqual([null, null]);
  });
});
