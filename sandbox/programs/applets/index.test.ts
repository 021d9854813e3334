// The applet table: every name the images link to busybox runs a program
// (those loaded on first use included), and no program hides behind a name
// the images do not link.
import { describe, expect, it } from 'vitest';
import { BUSYBOX_APPLETS } from '../applets.ts';
import { shTranscript } from '../testing/run.ts';
import { APPLETS } from './index.ts';

describe('APPLETS', () => {
  it('has a program for each applet the images link, and only those', () => {
    expect([...APPLETS.keys()].sort()).toEqual(BUSYBOX_APPLETS.filter((n) => n !== 'sh').sort());
  });

  it('an applet loaded on first use runs the first time and again, alongside itself in one pipeline', async () => {
    expect(await shTranscript('echo abc | sed s/b/X/ | sed s/a/Y/; echo def | grep -c e; printf "x y\\n" | awk \'{print $2 $1}\'')).toBe('YXc\n1\nyx\n');
    expect(await shTranscript('echo abc | sed s/c/Z/')).toBe('abZ\n');
  });
});
