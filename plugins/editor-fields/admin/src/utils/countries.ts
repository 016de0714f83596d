import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';

/**
 * Country names per admin interface language. English is always there (the fallback); the
 * languages the federation works in are loaded when first asked for, to keep them out of the
 * admin's first download.
 */
const LOADERS: Record<string, () => Promise<{ default: countries.LocaleData }>> = {
  ru: () => import('i18n-iso-countries/langs/ru.json'),
  kk: () => import('i18n-iso-countries/langs/kk.json'),
  fr: () => import('i18n-iso-countries/langs/fr.json'),
  es: () => import('i18n-iso-countries/langs/es.json'),
};

countries.registerLocale(en);
const loaded = new Set(['en']);

/** The language part of an admin locale ("fr-FR" → "fr"). */
export const languageOf = (locale: string): string => locale.toLowerCase().split(/[-_]/)[0] ?? 'en';

/** Makes the names of `language` available; resolves false when there are none (English is used). */
export const loadCountryNames = async (language: string): Promise<boolean> => {
  if (loaded.has(language)) return true;
  const loader = LOADERS[language];
  if (!loader) return false;
  countries.registerLocale((await loader()).default);
  loaded.add(language);
  return true;
};

/** ISO 3166-1 alpha-2 codes with their names in `language` (English where it has none), by name. */
export const countryOptions = (language: string): Array<{ value: string; label: string }> => {
  const english = countries.getNames('en', { select: 'official' });
  const names = loaded.has(language) ? countries.getNames(language, { select: 'official' }) : english;
  return Object.keys(english)
    .map((code) => ({ value: code, label: `${names[code] ?? english[code]} (${code})` }))
    .sort((a, b) => a.label.localeCompare(b.label, language));
};
