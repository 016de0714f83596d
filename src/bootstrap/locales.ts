import type { Core } from '@strapi/strapi';
import { DEFAULT_LOCALE, LOCALES } from '../domain/locales';

/** Creates the federation's languages if missing and makes English the default. Idempotent. */
export const ensureLocales = async (strapi: Core.Strapi): Promise<void> => {
  const localesService = strapi.plugin('i18n').service('locales');
  const existing = new Set(((await localesService.find()) as Array<{ code: string }>).map((locale) => locale.code));
  for (const locale of LOCALES) {
    if (!existing.has(locale.code)) {
      await localesService.create({ code: locale.code, name: locale.name });
    }
  }
  if ((await localesService.getDefaultLocale()) !== DEFAULT_LOCALE) {
    await localesService.setDefaultLocale({ code: DEFAULT_LOCALE });
  }
};
