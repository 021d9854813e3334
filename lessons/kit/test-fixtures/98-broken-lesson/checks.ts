// Checks of the broken fixture lesson: they work; the lesson around them does not.
import { check, defineChecks, fail, pass } from '../../checks.ts';
import { container } from '../../reads.ts';

export default defineChecks([
  check({
    id: 'caja-exists',
    step: 'uno',
    points: 5,
    title: { es: 'Existe caja', en: 'caja exists' },
    success: { es: 'Bien.', en: 'Good.' },
    hints: {
      missing: { es: 'No hay caja.', en: 'There is no caja.' },
      failed: { es: 'caja terminó con {code}.', en: 'caja ended with {code}.' },
    },
    async run(ctx) {
      const c = await container(ctx, 'caja');
      if (!c) return fail('missing');
      return c.State.ExitCode === 0 ? pass() : fail('failed', { code: c.State.ExitCode });
    },
  }),
  check({
    id: 'caja-removed',
    step: 'dos',
    points: 5,
    title: { es: 'caja ya no existe', en: 'caja is gone' },
    success: { es: 'Bien.', en: 'Good.' },
    hints: { stillThere: { es: 'caja sigue ahí.', en: 'caja is still there.' } },
    async run(ctx) {
      return (await container(ctx, 'caja')) ? fail('stillThere') : pass();
    },
  }),
]);
