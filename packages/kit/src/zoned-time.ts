/**
 * Wall-clock times in IANA zones, through Intl (the runtime's time zone database): the one place
 * that reads an instant on a zone's clock ("09:00 in Europe/Rome") and turns a local time back
 * into the instant it names ("Monday 08:00 in Asia/Almaty"), gaps and overlaps included.
 */

/** The wall-clock reading of an instant in an IANA time zone, and that zone's UTC offset then. */
export type WallClock = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Minutes east of UTC (Rome in winter: 60). */
  offsetMinutes: number;
};

/** A local date and time to the minute, in no zone yet. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

// Building an Intl.DateTimeFormat is costly; one per zone is reused.
const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** "GMT+01:00" / "GMT-05:30" / "GMT" → minutes east of UTC. */
const parseOffset = (name: string): number => {
  const match = /^GMT(?:([+-])(\d{2}):?(\d{2})?)?$/.exec(name);
  if (!match || !match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
};

/** True when the runtime's time zone database knows `timeZone` (Intl throws a RangeError otherwise). */
export const isKnownTimeZone = (timeZone: string): boolean => {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
};

/** Reads `instant` (a Date or epoch milliseconds) on a clock in `timeZone`. */
export const wallClock = (instant: Date | number, timeZone: string): WallClock => {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    offsetMinutes: parseOffset(parts.timeZoneName ?? 'GMT'),
  };
};

const pad = (value: number, width = 2) => String(Math.abs(value)).padStart(width, '0');

/** ISO 8601 local date-time with the zone's offset: 2025-03-24T09:00:00+01:00 (schema.org, JSON). */
export const toOffsetDateTime = (instant: Date | number, timeZone: string): string => {
  const clock = wallClock(instant, timeZone);
  const sign = clock.offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.trunc(clock.offsetMinutes / 60))}:${pad(clock.offsetMinutes % 60)}`;
  return `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}T${pad(clock.hour)}:${pad(clock.minute)}:${pad(clock.second)}${offset}`;
};

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** 'YYYY-MM-DDTHH:mm' as its parts, or null when it is not that shape or not a calendar date and time. */
export const parseLocalTime = (text: string): LocalTime | null => {
  const match = LOCAL_TIME.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute));
  // Date.UTC rolls 31 April over to 1 May; a date that rolls over does not exist.
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  return { year, month, day, hour, minute };
};

/** 'YYYY-MM-DDTHH:mm' of the wall clock in `timeZone` at `instant`. */
export const formatLocalTime = (instant: Date | number, timeZone: string): string => {
  const clock = wallClock(instant, timeZone);
  return `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}T${pad(clock.hour)}:${pad(clock.minute)}`;
};

const sameMinute = (a: LocalTime, b: LocalTime): boolean =>
  a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export type ZonedResolution = { kind: 'exact'; instant: number } | { kind: 'ambiguous'; instant: number; later: number } | { kind: 'missing' };

/**
 * The instants at which the wall clock in `timeZone` reads `local`. Every zone's offset is
 * within ±18 h, and offsets change at most once around a given time, so the candidates are
 * "local as if UTC" minus the offset in force 18 h before and 18 h after; those that read
 * `local` again are the answer. None: the time falls in a gap (clocks jumped over it); two: it
 * falls in an overlap (clocks were set back), and the earlier is the first occurrence.
 */
export const resolveLocalTime = (local: LocalTime, timeZone: string): ZonedResolution => {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const offsetAt = (instant: number): number => wallClock(instant, timeZone).offsetMinutes * MINUTE;
  const candidates = [...new Set([asUtc - offsetAt(asUtc - 18 * HOUR), asUtc - offsetAt(asUtc + 18 * HOUR)])]
    .filter((instant) => sameMinute(wallClock(instant, timeZone), local))
    .sort((a, b) => a - b);
  if (candidates.length === 0) return { kind: 'missing' };
  if (candidates.length === 1) return { kind: 'exact', instant: candidates[0] };
  return { kind: 'ambiguous', instant: candidates[0], later: candidates[candidates.length - 1] };
};
