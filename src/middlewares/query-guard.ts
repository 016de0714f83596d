import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { MAX_PAGE_SIZE } from '../../config/api';
import { containsNul, DATABASE_VALUE_MESSAGE, isDatabaseValueError } from '../validation/database-errors';

type Query = Record<string, unknown>;

const PAGE_SIZE_KEYS = ['pageSize', 'limit'] as const;


/** Locale codes the i18n plugin knows, cached briefly: they change only when an admin adds one. */
const createLocaleLookup = (strapi: Core.Strapi) => {
  let cached: { codes: Set<string>; at: number } | undefined;
  return async (): Promise<Set<string>> => {
    if (!cached || Date.now() - cached.at > 5_000) {
      const locales = (await strapi.plugin('i18n').service('locales').find()) as Array<{ code: string }>;
      cached = { codes: new Set(locales.map((locale) => locale.code)), at: Date.now() };
    }
    return cached.codes;
  };
};

const fail = (message: string, path: string[]): never => {
  throw new errors.ValidationError(message, { errors: [{ path, message, name: 'ValidationError' }] });
};

/**
 * Guards the content API against bad input that Strapi would otherwise answer quietly or with
 * a 500: an unknown locale (Strapi returns an empty list), a page larger than the cap (Strapi
 * silently shortens it), a NUL character, a filter value the database refuses. All get a 400 in
 * Strapi's error shape.
 *
 * It is mounted on Strapi's content-API router (see `registerQueryGuard`), so it runs for every
 * request that matched a content-API route, whatever the spelling of its URL (the router
 * matches paths without regard to case: `/API/stories` is `/api/stories`), and for no other.
 */
const createQueryGuard = (strapi: Core.Strapi) => {
  const knownLocales = createLocaleLookup(strapi);

  return async (ctx: { query: Query }, next: () => Promise<unknown>) => {
    const { locale, pagination, status } = ctx.query;

    if (containsNul(ctx.query)) fail('The query contains a NUL character', []);

    // Strapi lets any client ask for `status=draft`; drafts are never public here (editors
    // preview them in the admin panel), so the content API serves published versions only.
    if (status !== undefined && status !== 'published') {
      fail('Only published content is served: drop the status parameter or set it to "published"', ['status']);
    }

    if (locale !== undefined) {
      const codes = await knownLocales();
      const requested = Array.isArray(locale) ? locale : [locale];
      for (const code of requested) {
        if (typeof code !== 'string' || !codes.has(code)) {
          fail(`Unknown locale "${String(code)}"; available: ${[...codes].sort().join(', ')}`, ['locale']);
        }
      }
    }

    if (pagination !== undefined && typeof pagination === 'object' && pagination !== null) {
      for (const key of PAGE_SIZE_KEYS) {
        const value = (pagination as Query)[key];
        if (value === undefined) continue;
        const size = Number(value);
        if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
          fail(`pagination[${key}] must be an integer from 1 to ${MAX_PAGE_SIZE}`, ['pagination', key]);
        }
      }
    }

    try {
      return await next();
    } catch (error) {
      // A filter value the database cannot compare (PostgreSQL: an id out of range, a malformed
      // date) is the client's error: a 400 that names no SQL, instead of a 500.
      if (isDatabaseValueError(error)) fail(DATABASE_VALUE_MESSAGE, ['filters']);
      throw error;
    }
  };
};

/** Mounts the guard on the content-API router: before every content-API route's own work. */
export const registerQueryGuard = (strapi: Core.Strapi): void => {
  strapi.server.api('content-api').use(createQueryGuard(strapi));
};
