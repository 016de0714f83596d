import { yup } from '@strapi/utils';
import { invalid, validateSync } from '@union-comms/kit';

/**
 * Query strings of the public calendar routes (and the arguments of the GraphQL queries).
 * Every route accepts only its own keys: anything else is a 400, as with Strapi's
 * `strictParams` for the core routes (which custom routes do not get for free).
 */

export type When = 'upcoming' | 'past';

/** Filters shared by the .ics feed and the JSON list. Dates are instants. */
export type EventFilters = {
  organisation?: string;
  topic?: string;
  country?: string;
  from?: Date;
  to?: Date;
  when?: When;
};

export type FeedQuery = { locale?: string; filters: EventFilters };
export type ListQuery = { locale?: string; filters: EventFilters; page: number; pageSize: number };
export type LocaleQuery = { locale?: string };

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LOCALE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

const fail = (message: string, path: string[]): never => invalid(message, path);

/** A calendar date (YYYY-MM-DD) that exists: 2025-02-30 is refused, not rolled over. */
const parseDateOnly = (value: string): Date | undefined => {
  const match = DATE_ONLY.exec(value);
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value ? date : undefined;
};

/**
 * `from` and `to` take a date (UTC day) or a date-time with Z or an offset; a date-time
 * without an offset would be ambiguous and is refused. `to` given as a date means the
 * end of that day, so `from=2025-03-24&to=2025-03-24` is that whole day.
 */
export const parseBound = (value: string, bound: 'from' | 'to'): Date => {
  const day = parseDateOnly(value);
  if (day) return bound === 'to' ? new Date(day.getTime() + 24 * 3600 * 1000 - 1) : day;
  if (DATE_TIME.test(value) && parseDateOnly(value.slice(0, 10))) {
    const time = Date.parse(value);
    if (!Number.isNaN(time)) return new Date(time);
  }
  return fail(`${bound} must be an ISO 8601 date (2025-03-24) or date-time with offset (2025-03-24T09:00:00+01:00)`, [bound]);
};

const optionalSlug = (name: string) => yup.string().max(200).matches(SLUG, `${name} must be a slug (lowercase letters, digits and dashes)`);

const localeField = yup.string().max(35).matches(LOCALE, 'locale must be a locale code such as en or ru');

const filterFields = {
  locale: localeField,
  organisation: optionalSlug('organisation'),
  topic: optionalSlug('topic'),
  from: yup.string().max(40),
  to: yup.string().max(40),
};

const feedSchema = yup.object(filterFields).noUnknown(true, 'unknown query parameter(s): ${unknown}');

const listSchema = yup
  .object({
    ...filterFields,
    when: yup.string().oneOf(['upcoming', 'past'], 'when must be "upcoming" or "past"'),
    country: yup.string().matches(/^[A-Za-z]{2}$/, 'country must be an ISO 3166-1 alpha-2 code such as IT or KZ'),
    pagination: yup
      .object({
        page: yup.string().matches(/^[1-9]\d{0,6}$/, 'pagination[page] must be a positive integer'),
        pageSize: yup.string().matches(/^[1-9]\d{0,2}$/, `pagination[pageSize] must be an integer from 1 to ${MAX_PAGE_SIZE}`),
      })
      .noUnknown(true, 'unknown pagination parameter(s): ${unknown}')
      .default(undefined),
  })
  .noUnknown(true, 'unknown query parameter(s): ${unknown}');

const localeSchema = yup.object({ locale: localeField }).noUnknown(true, 'unknown query parameter(s): ${unknown}');

/** Runs a yup schema strictly (no coercion: arrays and objects where a string belongs fail). */
const check = <T>(schema: yup.AnySchema, input: unknown): T => validateSync(schema, input ?? {}, { strict: true }) as T;

type RawFilters = { organisation?: string; topic?: string; from?: string; to?: string; when?: When; country?: string };

const toFilters = (raw: RawFilters): EventFilters => {
  const filters: EventFilters = {};
  if (raw.organisation) filters.organisation = raw.organisation;
  if (raw.topic) filters.topic = raw.topic;
  if (raw.country) filters.country = raw.country.toUpperCase();
  if (raw.when) filters.when = raw.when;
  if (raw.from) filters.from = parseBound(raw.from, 'from');
  if (raw.to) filters.to = parseBound(raw.to, 'to');
  if (filters.from && filters.to && filters.from.getTime() > filters.to.getTime()) fail('from must not be after to', ['from']);
  return filters;
};

/** GET /events.ics */
export const validateFeedQuery = (query: unknown): FeedQuery => {
  const raw = check<RawFilters & { locale?: string }>(feedSchema, query);
  return { locale: raw.locale, filters: toFilters(raw) };
};

/** GET /events (and GraphQL calendarEvents, whose page arguments arrive as numbers). */
export const validateListQuery = (query: unknown): ListQuery => {
  const raw = check<RawFilters & { locale?: string; pagination?: { page?: string; pageSize?: string } }>(listSchema, query);
  const page = raw.pagination?.page ? Number(raw.pagination.page) : 1;
  const pageSize = raw.pagination?.pageSize ? Number(raw.pagination.pageSize) : DEFAULT_PAGE_SIZE;
  if (pageSize > MAX_PAGE_SIZE) fail(`pagination[pageSize] must be an integer from 1 to ${MAX_PAGE_SIZE}`, ['pagination', 'pageSize']);
  return { locale: raw.locale, filters: toFilters(raw), page, pageSize };
};

/** GET /events/:slug.ics, /events/:slug/jsonld, /events/:slug/participants */
export const validateLocaleQuery = (query: unknown): LocaleQuery => check<LocaleQuery>(localeSchema, query);

/** A slug in a path: one that cannot exist is simply not found. */
export const isSlug = (value: unknown): value is string => typeof value === 'string' && value.length <= 200 && SLUG.test(value);
