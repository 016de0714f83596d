/**
 * Wall-clock times in an IANA time zone and the UTC instants they name, from Intl alone (the
 * browser's tz database; Temporal is not in every browser yet). Pure: no React, no Strapi, so
 * the DST cases are unit-tested (tests/unit/zoned-time-input.test.ts).
 */

/** A local date and time as the native inputs give them: "2025-03-24" and "09:00". */
export interface LocalDateTime {
  date: string;
  time: string;
}

/**
 * What a local date and time mean in a zone: one instant; two (clocks went back: the first is
 * taken, `later` is the other); none (clocks went forward over it); or unreadable input.
 */
export type Resolution =
  | { status: 'exact'; instant: string; offsetMinutes: number }
  | { status: 'ambiguous'; instant: string; offsetMinutes: number; later: string; laterOffsetMinutes: number }
  | { status: 'gap' }
  | { status: 'invalid' };

const DAY_MS = 24 * 60 * 60 * 1000;

// Building an Intl.DateTimeFormat is costly; one per zone is reused.
const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** True when the browser's time zone database knows `timeZone`. */
export const isKnownTimeZone = (timeZone: unknown): timeZone is string => {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
};

/** "GMT+01:00" / "GMT-05:30" / "GMT" → minutes east of UTC. */
const parseOffset = (name: string): number => {
  const match = /^GMT(?:([+-])(\d{2}):?(\d{2})?)?$/.exec(name);
  if (!match || !match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
};

interface Reading {
  date: string;
  time: string;
  offsetMinutes: number;
}

const read = (epochMs: number, timeZone: string): Reading => {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    offsetMinutes: parseOffset(parts.timeZoneName ?? 'GMT'),
  };
};

/** Minutes east of UTC of `timeZone` at the instant `at` (Rome in winter: 60). */
export const offsetMinutesAt = (at: Date, timeZone: string): number => read(at.getTime(), timeZone).offsetMinutes;

const pad = (value: number) => String(Math.abs(value)).padStart(2, '0');

/** 60 → "UTC+01:00", -330 → "UTC-05:30", 0 → "UTC+00:00". */
export const formatOffset = (minutes: number): string => `UTC${minutes < 0 ? '-' : '+'}${pad(Math.trunc(minutes / 60))}:${pad(minutes % 60)}`;

/** The local date and time (to the minute) of an ISO instant in `timeZone`; null for no instant. */
export const toLocal = (instant: string | null | undefined, timeZone: string): LocalDateTime | null => {
  if (!instant) return null;
  const epochMs = Date.parse(instant);
  if (Number.isNaN(epochMs)) return null;
  const { date, time } = read(epochMs, timeZone);
  return { date, time };
};

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/;

/**
 * The instant(s) a local date and time name in `timeZone`. Each offset the zone has within a
 * day either side is tried: the wall time read back at that offset must be the one asked for.
 * No zone changes offset twice within a day, so this finds every reading.
 */
export const fromLocal = (local: LocalDateTime, timeZone: string): Resolution => {
  const date = LOCAL_DATE.exec(local.date);
  const time = LOCAL_TIME.exec(local.time);
  if (!date || !time || !isKnownTimeZone(timeZone)) return { status: 'invalid' };
  const [year, month, day, hour, minute] = [date[1], date[2], date[3], time[1], time[2]].map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(asUtc);
  // Date.UTC rolls 2025-02-30 over into March: such a date is not one.
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1 || hour > 23 || minute > 59) return { status: 'invalid' };
  const wanted = `${local.date} ${time[1]}:${time[2]}`;
  const offsets = new Set([asUtc - DAY_MS, asUtc, asUtc + DAY_MS].map((at) => read(at, timeZone).offsetMinutes));
  const found = [...offsets]
    .map((offsetMinutes) => ({ epochMs: asUtc - offsetMinutes * 60_000, offsetMinutes }))
    .filter(({ epochMs }) => {
      const back = read(epochMs, timeZone);
      return `${back.date} ${back.time}` === wanted;
    })
    .sort((a, b) => a.epochMs - b.epochMs);
  const [first, second] = found;
  if (!first) return { status: 'gap' };
  const instant = new Date(first.epochMs).toISOString();
  if (!second) return { status: 'exact', instant, offsetMinutes: first.offsetMinutes };
  return {
    status: 'ambiguous',
    instant,
    offsetMinutes: first.offsetMinutes,
    later: new Date(second.epochMs).toISOString(),
    laterOffsetMinutes: second.offsetMinutes,
  };
};

/** One time zone as the picker lists it. */
export interface TimeZoneOption {
  /** The IANA name, stored as it is: "Europe/Rome". */
  id: string;
  /** "Europe", "America", …; "Other" for names without a region ("UTC"). */
  region: string;
  /** The name within its region, readable: "Rome", "Argentina/Buenos Aires". */
  place: string;
  /** The zone's offset at the instant the list was made. */
  offsetMinutes: number;
}

/**
 * The zones the browser knows, by region then place, with each one's current offset. UTC is
 * listed although Intl.supportedValuesOf leaves it out: it is the content type's default.
 */
export const timeZoneOptions = (zones: readonly string[], now: Date): TimeZoneOption[] =>
  [...new Set(['UTC', ...zones])]
    .filter(isKnownTimeZone)
    .map((id) => {
      const slash = id.indexOf('/');
      return {
        id,
        region: slash > 0 ? id.slice(0, slash) : 'Other',
        place: (slash > 0 ? id.slice(slash + 1) : id).replace(/_/g, ' '),
        offsetMinutes: offsetMinutesAt(now, id),
      };
    })
    .sort((a, b) => a.region.localeCompare(b.region) || a.place.localeCompare(b.place));
