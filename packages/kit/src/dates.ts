/** What databases and clients give for a point in time: a Date, ISO text, or milliseconds (as a number or digits). */
export type DateLike = Date | string | number;

/**
 * The one way a time is written in answers: ISO 8601 in UTC (`2026-12-01T16:46:17.000Z`); null
 * for no time. SQLite hands timestamps back as milliseconds (sometimes as digits), PostgreSQL
 * as Dates: both give the same text.
 */
export function toIso(value: DateLike): string;
export function toIso(value: DateLike | null | undefined): string | null;
export function toIso(value: DateLike | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const time = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return new Date(time).toISOString();
}
