import type { Core } from '@strapi/strapi';
import { locales, validationError, type Problem } from '@union-comms/kit';
import { typeReaders } from '../utils/content-types';

/**
 * The query of `GET /api/search` (and the arguments of GraphQL `search`, given in the same
 * form: see graphql/). Every problem is reported at once, as the app's one validation error
 * (400 in Strapi's shape); the checks of pages and locales say what the app's query guard
 * says for every REST route, so REST and GraphQL answer alike.
 */

export type SearchQuery = {
  /** The text searched for: trimmed, 1-200 characters. */
  q: string;
  locale: string;
  /** Keys of the configured types (all of them by default). */
  types: string[];
  page: number;
  pageSize: number;
  /** Each document in the first locale of the locale's fallback chain it is published in. */
  fallback: boolean;
};

export const MAX_Q_LENGTH = 200;
export const DEFAULT_PAGE_SIZE = 10;
/** The content API's largest page (config/api.ts). */
export const MAX_PAGE_SIZE = 100;
/** The highest page whose first row is still an exact offset at the largest page size (the app's REST rule). */
export const MAX_PAGE = Math.floor(Number.MAX_SAFE_INTEGER / MAX_PAGE_SIZE) + 1;

const KEYS = ['q', 'locale', 'types', 'page', 'pageSize', 'fallback'];
const INTEGER = /^[0-9]+$/;

/** A parameter given once, as text (a query string gives a list or an object for `a[]=…` and `a[b]=…`). */
const text = (value: unknown): string | undefined | null => (value === undefined ? undefined : typeof value === 'string' ? value : null);

const integer = (value: string, min: number, max: number): number | undefined => {
  if (!INTEGER.test(value)) return undefined;
  const number = Number(value);
  return Number.isSafeInteger(number) && number >= min && number <= max ? number : undefined;
};

/** Validates a search query given as a query string (REST) or as the same keys (GraphQL). */
export const validateSearchQuery = async (strapi: Core.Strapi, input: unknown): Promise<SearchQuery> => {
  const query = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const problems: Problem[] = [];
  const fail = (path: string, message: string) => problems.push({ path: [path], message });

  const unknown = Object.keys(query).filter((key) => !KEYS.includes(key));
  if (unknown.length > 0) problems.push({ path: [], message: `unknown query parameter(s): ${unknown.join(', ')}` });

  const rawQ = text(query.q);
  const q = rawQ?.trim() ?? '';
  if (rawQ === undefined) fail('q', 'q is required: the text to search for');
  else if (rawQ === null) fail('q', 'q must be a single text');
  else if (q === '') fail('q', 'q must not be empty');
  else if ([...q].length > MAX_Q_LENGTH) fail('q', `q must be at most ${MAX_Q_LENGTH} characters`);

  const configured: string[] = [...typeReaders(strapi).keys()].sort();
  const rawTypes = text(query.types);
  let types = configured;
  if (rawTypes === null) fail('types', 'types must be a single comma-separated list');
  else if (rawTypes !== undefined) {
    const named = [...new Set(rawTypes.split(',').map((type) => type.trim()))].filter((type) => type !== '');
    const unknownTypes = named.filter((type) => !configured.includes(type));
    if (named.length === 0) fail('types', `types must name at least one type (${configured.join(', ')})`);
    for (const type of unknownTypes) fail('types', `Unknown type "${type}" in types; available: ${configured.join(', ')}`);
    if (named.length > 0 && unknownTypes.length === 0) types = named;
  }

  const rawPage = text(query.page);
  let page = 1;
  if (rawPage !== undefined) {
    const value = rawPage === null ? undefined : integer(rawPage, 1, MAX_PAGE);
    if (value === undefined) fail('page', `page must be a positive integer (at most ${MAX_PAGE})`);
    else page = value;
  }

  const rawPageSize = text(query.pageSize);
  let pageSize = DEFAULT_PAGE_SIZE;
  if (rawPageSize !== undefined) {
    const value = rawPageSize === null ? undefined : integer(rawPageSize, 1, MAX_PAGE_SIZE);
    if (value === undefined) fail('pageSize', `pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}`);
    else pageSize = value;
  }

  const rawFallback = text(query.fallback);
  if (rawFallback !== undefined && rawFallback !== 'true' && rawFallback !== 'false') fail('fallback', 'fallback must be "true" or "false"');

  const rawLocale = text(query.locale);
  let locale = '';
  if (rawLocale === null) fail('locale', 'locale must be a single locale code');
  else {
    try {
      locale = await locales(strapi).resolve(rawLocale);
    } catch (error) {
      const details = (error as { details?: { errors?: Array<{ path: string[]; message: string }> } }).details;
      if (!details?.errors) throw error;
      problems.push(...details.errors.map(({ path, message }) => ({ path, message })));
    }
  }

  if (problems.length > 0) throw validationError(problems);
  return { q, locale, types, page, pageSize, fallback: rawFallback === 'true' };
};
