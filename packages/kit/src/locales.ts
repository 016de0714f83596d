import type { Core } from '@strapi/strapi';
import { invalid } from './validation';

type LocaleRow = { code: string };

export type Locales = {
  /** The codes of the locales the i18n plugin knows. */
  codes(): Promise<Set<string>>;
  /** The default locale's code. */
  defaultCode(): Promise<string>;
  /**
   * `requested` if the CMS has that locale (the default locale if none was asked for); else the
   * validation error `Unknown locale "xx"; available: …` on `path`.
   */
  resolve(requested: string | undefined, path?: readonly string[]): Promise<string>;
  /**
   * `code` and the locales a reader of `code` falls back to, in order (config/locales.ts:
   * kk → ['kk', 'ru', 'en']). Locales the CMS no longer has are left out.
   */
  chain(code: string): Promise<string[]>;
  /** Stops the boot (throws) if the fallback map names an unknown locale or has a cycle. */
  checkFallback(): Promise<void>;
};

/** The fallback map of the app's config (`locales.fallback`: each locale's next one). */
const fallbackMap = (strapi: Core.Strapi): Record<string, string> => {
  const map: unknown = strapi.config.get('locales.fallback', {});
  if (typeof map !== 'object' || map === null) return {};
  return Object.fromEntries(Object.entries(map).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
};

/** `code` followed by its fallbacks; throws on a cycle. */
const followChain = (map: Record<string, string>, code: string): string[] => {
  const chain = [code];
  for (let next = map[code]; next !== undefined; next = map[next]) {
    if (chain.includes(next)) throw new Error(`Locale fallback has a cycle: ${[...chain, next].join(' → ')}`);
    chain.push(next);
  }
  return chain;
};

const byStrapi = new WeakMap<Core.Strapi, Locales>();

/**
 * THE check of a locale code, for the content API's query guard, the feeds and the calendars.
 * The list is read from the i18n plugin once and forgotten when a locale is added, changed or
 * removed through Strapi, and after 5 s in any case (another instance may have changed it).
 */
export const locales = (strapi: Core.Strapi): Locales => {
  const existing = byStrapi.get(strapi);
  if (existing) return existing;

  let cached: { codes: Set<string>; defaultCode: string; at: number } | undefined;
  const forget = () => {
    cached = undefined;
  };
  strapi.db.lifecycles.subscribe({
    models: ['plugin::i18n.locale'],
    afterCreate: forget,
    afterCreateMany: forget,
    afterUpdate: forget,
    afterUpdateMany: forget,
    afterDelete: forget,
    afterDeleteMany: forget,
  });

  const load = async () => {
    if (!cached || Date.now() - cached.at > 5_000) {
      const service = strapi.plugin('i18n').service('locales');
      const rows = (await service.find()) as LocaleRow[];
      const defaultCode = ((await service.getDefaultLocale()) as string | undefined) ?? rows[0]?.code ?? 'en';
      cached = { codes: new Set(rows.map((row) => row.code)), defaultCode, at: Date.now() };
    }
    return cached;
  };

  const api: Locales = {
    codes: async () => (await load()).codes,
    defaultCode: async () => (await load()).defaultCode,
    async resolve(requested, path = ['locale']) {
      const { codes, defaultCode } = await load();
      if (requested === undefined) return defaultCode;
      if (!codes.has(requested)) return invalid(`Unknown locale "${requested}"; available: ${[...codes].sort().join(', ')}`, path);
      return requested;
    },
    async chain(code) {
      const { codes } = await load();
      return followChain(fallbackMap(strapi), code).filter((entry) => codes.has(entry));
    },
    async checkFallback() {
      const { codes } = await load();
      const map = fallbackMap(strapi);
      for (const [from, to] of Object.entries(map)) {
        for (const code of [from, to]) {
          if (!codes.has(code)) {
            throw new Error(
              `Locale fallback ${from} → ${to}: the CMS has no locale "${code}" (available: ${[...codes].sort().join(', ')}); see LOCALE_FALLBACK`,
            );
          }
        }
        followChain(map, from);
      }
    },
  };
  byStrapi.set(strapi, api);
  return api;
};
