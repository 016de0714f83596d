import { yup } from '@strapi/utils';
import { validateSync } from '@union-comms/kit';

/**
 * The query string of every route: `locale` only. Anything else is a 400, as with Strapi's
 * `strictParams` for the core routes (which custom routes do not get for free).
 */
export type LocaleQuery = { locale?: string };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LOCALE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

const localeSchema = yup
  .object({ locale: yup.string().max(35).matches(LOCALE, 'locale must be a locale code such as en or ru') })
  .noUnknown(true, 'unknown query parameter(s): ${unknown}');

/** Runs strictly (no coercion: `locale[]=en` or `locale[x]=en` is refused, not read as a string). */
export const validateLocaleQuery = (query: unknown): LocaleQuery => validateSync<LocaleQuery>(localeSchema, query ?? {}, { strict: true });

/** A slug in a path: one that cannot exist is simply not found. */
export const isSlug = (value: unknown): value is string => typeof value === 'string' && value.length <= 200 && SLUG.test(value);
