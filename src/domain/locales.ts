/**
 * Languages of the federation. English is the default; FPRK works in Kazakh and Russian,
 * the ILO in English, French and Spanish.
 */
export const DEFAULT_LOCALE = 'en';

export const LOCALES: ReadonlyArray<{ code: string; name: string }> = [
  { code: 'en', name: 'English (en)' },
  { code: 'ru', name: 'Russian (ru)' },
  { code: 'kk', name: 'Kazakh (kk)' },
  { code: 'fr', name: 'French (fr)' },
  { code: 'es', name: 'Spanish (es)' },
];
