// Grading: a check passes, fails with one of its hints (placeholders
// filled in both languages), or — thrown, timed out, unknown hint — is
// reported as broken, never as the learner's fault; checksIssues catches
// malformed checks before they ship.
import { describe, expect, it } from 'vitest';
import { check, checksIssues, defineChecks, fail, grade, pass, type CheckContext } from './checks.ts';
import { fill, placeholders } from './localized.ts';

const ctx = { client: null as never, commands: ['docker ps'], lastBuild: null } satisfies CheckContext;
const t = (s: string): { es: string; en: string } => ({ es: `es: ${s}`, en: `en: ${s}` });

describe('grade', () => {
  const checks = defineChecks([
    check({ id: 'ok', step: 'a', points: 5, title: t('ok'), success: t('bien'), hints: { never: t('x') }, run: () => pass() }),
    check({ id: 'layers', step: 'a', points: 10, title: t('layers'), success: t('s'), hints: { tooMany: { es: 'tu imagen tiene {layers} capas', en: 'your image has {layers} layers' } }, run: () => fail('tooMany', { layers: 7 }) }),
    check({ id: 'throws', step: 'b', points: 1, title: t('t'), success: t('s'), hints: { h: t('h') }, run: () => { throw new Error('engine gone'); } }),
    { id: 'unknown', step: 'b', points: 1, title: t('u'), success: t('s'), hints: { h: t('h') }, run: () => fail('other') },
    check({ id: 'slow', step: 'b', points: 1, title: t('slow'), success: t('s'), hints: { h: t('h') }, run: () => new Promise<never>(() => {}) }),
  ]);

  it('passes with the success message, fails with the filled-in hint', async () => {
    const [ok, layers] = await grade(checks, ctx, { step: 'a' });
    expect(ok).toEqual({ id: 'ok', step: 'a', points: 5, earned: 5, passed: true, title: t('ok'), message: t('bien'), hint: null, error: null });
    expect(layers).toMatchObject({ passed: false, earned: 0, hint: 'tooMany', message: { es: 'tu imagen tiene 7 capas', en: 'your image has 7 layers' } });
  });

  it('a check that throws, answers an undeclared hint or hangs is reported as broken', async () => {
    const results = await grade(checks, ctx, { step: 'b', timeoutMs: 50 });
    expect(results.map((r) => [r.id, r.passed, r.hint, r.error])).toEqual([
      ['throws', false, null, 'engine gone'],
      ['unknown', false, null, 'check "unknown" failed with the hint "other", which it does not declare'],
      ['slow', false, null, 'it took longer than 0.05 s'],
    ]);
    expect(results[0]!.message.es).toBe('Esta comprobación no ha podido ejecutarse: engine gone');
  });
});

describe('texts and checksIssues', () => {
  it('fills placeholders and refuses to show an unfilled one', () => {
    expect(placeholders('{b} y {a} y {b}')).toEqual(['a', 'b']);
    expect(() => fill('tiene {layers} capas')).toThrow('no value for the placeholder {layers}');
  });

  it('lists what is wrong with a checks module', () => {
    expect(checksIssues({}, ['a'])).toEqual(['checks.ts: the default export must be defineChecks([...])']);
    const bad = defineChecks([
      { id: 'Bad Id', step: 'zz', points: 0, title: { es: 'x', en: '' }, success: t('s'), hints: {}, run: () => pass() },
      { id: 'dup', step: 'a', points: 1, title: t('x'), success: t('s'), hints: { h: { es: 'tiene {n}', en: 'has {m}' } }, run: () => pass() },
      { id: 'dup', step: 'a', points: 1, title: t('x'), success: t('s'), hints: { h: t('h') }, run: () => pass() },
    ]);
    expect(checksIssues({ default: bad }, ['a'])).toEqual([
      'checks.ts: check "Bad Id": "id" must be lowercase letters, digits and dashes',
      'checks.ts: check "Bad Id": "step" is "zz", not a step of the lesson (a)',
      'checks.ts: check "Bad Id": "points" must be a positive whole number',
      'checks.ts: check "Bad Id" title.en: missing or empty',
      'checks.ts: check "Bad Id": declares no hints (a failing check must say what to do)',
      'checks.ts: check "dup" hint "h": the languages use different placeholders (es: {n}, en: {m})',
      'checks.ts: check "dup": the id is used twice',
    ]);
  });
});
