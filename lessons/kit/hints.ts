// Hints several lessons give in the same words: a container the step needs
// is not there (the command to create it goes in the hint).
import type { Localized } from './localized.ts';

/** "There is no container called web. Create it with: docker run …" */
export const missingContainer = (name: string, run: string): Localized => ({
  es: `No hay ningún contenedor llamado ${name}. Créalo con: ${run}`,
  en: `There is no container called ${name}. Create it with: ${run}`,
});
