import { validationError, type Problem } from '@union-comms/kit';

export const REFERENCE_KINDS = ['organisations', 'topics'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export interface ReferenceQuery {
  /** Part of a name, acronym or slug; none: the first ones by name. */
  q: string | null;
  /** The locale the names are wanted in; none: the default locale. */
  locale: string | undefined;
  limit: number;
}

/** `:kind` of `/references/:kind`: anything else is a 404, as for any unknown path. */
export const referenceKind = (value: unknown): ReferenceKind | null => REFERENCE_KINDS.find((kind) => kind === value) ?? null;

/** `?q=&locale=&limit=` of the pickers' lists (the locale is checked against i18n by the service). */
export const validateReferenceQuery = (query: unknown, defaultLimit: number): ReferenceQuery => {
  const record = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const problems: Problem[] = [];
  const unknown = Object.keys(record).filter((key) => !['q', 'locale', 'limit'].includes(key));
  if (unknown.length > 0) problems.push({ path: [], message: `Unknown query parameter(s): ${unknown.join(', ')}` });
  let q: string | null = null;
  if (record.q !== undefined) {
    if (typeof record.q !== 'string' || record.q.length > 100) problems.push({ path: ['q'], message: 'q must be a text of at most 100 characters' });
    else q = record.q.trim() === '' ? null : record.q.trim();
  }
  let locale: string | undefined;
  if (record.locale !== undefined) {
    if (typeof record.locale !== 'string' || !/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(record.locale)) {
      problems.push({ path: ['locale'], message: 'locale must be a locale code' });
    } else locale = record.locale;
  }
  let limit = defaultLimit;
  if (record.limit !== undefined) {
    if (typeof record.limit !== 'string' || !/^[0-9]{1,3}$/.test(record.limit) || Number(record.limit) < 1 || Number(record.limit) > 200) {
      problems.push({ path: ['limit'], message: 'limit must be an integer from 1 to 200' });
    } else limit = Number(record.limit);
  }
  if (problems.length > 0) throw validationError(problems);
  return { q, locale, limit };
};
