import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

type LocaleRow = { code: string; isDefault?: boolean };

/**
 * The locales the i18n plugin knows. The REST query guard already refuses unknown ones on
 * /api/*, but GraphQL arguments reach the plugin unchecked, so the plugin checks too.
 * Cached for a few seconds: locales change only when an administrator adds one.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let cached: { codes: Set<string>; defaultCode: string; at: number } | undefined;

  const load = async () => {
    if (!cached || Date.now() - cached.at > 5_000) {
      const i18n = strapi.plugin('i18n');
      const rows = (await i18n.service('locales').find()) as LocaleRow[];
      const defaultCode = ((await i18n.service('locales').getDefaultLocale()) as string | undefined) ?? rows[0]?.code ?? 'en';
      cached = { codes: new Set(rows.map((row) => row.code)), defaultCode, at: Date.now() };
    }
    return cached;
  };

  return {
    /** The requested locale if the CMS has it, the default locale if none was asked for; else a 400. */
    async resolve(requested: string | undefined): Promise<string> {
      const { codes, defaultCode } = await load();
      if (requested === undefined) return defaultCode;
      if (!codes.has(requested)) {
        const message = `Unknown locale "${requested}"; available: ${[...codes].sort().join(', ')}`;
        throw new errors.ValidationError(message, { errors: [{ path: ['locale'], message, name: 'ValidationError' }] });
      }
      return requested;
    },
  };
};
