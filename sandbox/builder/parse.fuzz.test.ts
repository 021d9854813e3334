// Property tests of the Dockerfile front end (parse → typed instructions →
// stages): whatever the text, it either plans or fails with a
// DockerfileParseError (Docker's "dockerfile parse error on line N: …"),
// never with a JavaScript error, and a line it names exists.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DockerfileParseError } from './parse.ts';
import { planDockerfile } from './stages.ts';
import { dockerfileText } from './dockerfile.arbitrary.ts';

function planOrParseError(text: string): void {
  try {
    planDockerfile(text);
  } catch (e) {
    if (!(e instanceof DockerfileParseError)) throw e;
    expect(e.message.length).toBeGreaterThan(0);
    expect(e.line).toBeLessThanOrEqual(text.split('\n').length);
  }
}

describe('Dockerfile parser (fuzz)', () => {
  it('random Dockerfile-like text plans or fails with a parse error naming a real line', () => {
    fc.assert(fc.property(dockerfileText, planOrParseError));
  });

  it('random bytes and Unicode do too', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 200, unit: 'binary' }), fc.uint8Array({ maxLength: 300 }).map((b) => new TextDecoder().decode(b))),
      (junk) => { planOrParseError(junk); planOrParseError(`FROM busybox\n${junk}`); }));
  });
});
