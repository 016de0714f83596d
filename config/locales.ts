import type { Core } from '@strapi/strapi';

/**
 * Locale fallback: where a reader asking for one language is sent when a document has no
 * published version in it (REST `fallback=true`, GraphQL `fallback: true`, search). Each locale
 * names the next one to try; the chain follows the names: kk → ru → en. Kazakh translations lag
 * behind Russian, French and Spanish behind English.
 *
 * LOCALE_FALLBACK overrides the whole map: `kk:ru,ru:en,fr:en,es:en` (the default); an empty
 * value turns fallback into the requested locale alone. Checked at boot: a locale the CMS does
 * not have, or a cycle (kk:ru,ru:kk), stops the boot with the reason.
 */
export const DEFAULT_FALLBACK = 'kk:ru,ru:en,fr:en,es:en';

/** `kk:ru,ru:en` as `{ kk: 'ru', ru: 'en' }`; a malformed pair stops the boot. */
export const parseFallback = (value: string): Record<string, string> => {
  const next: Record<string, string> = {};
  for (const pair of value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [from, to, ...rest] = pair.split(':').map((part) => part.trim());
    if (!from || !to || rest.length > 0) throw new Error(`LOCALE_FALLBACK: "${pair}" is not of the form from:to (e.g. kk:ru,ru:en)`);
    if (next[from] !== undefined) throw new Error(`LOCALE_FALLBACK: "${from}" falls back twice (${next[from]} and ${to})`);
    next[from] = to;
  }
  return next;
};

const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  fallback: parseFallback(env('LOCALE_FALLBACK', DEFAULT_FALLBACK)),
});

export default config;
