import type { ICalTemporalInstantStub, ICalTemporalPlainDateStub, ICalTemporalPlainDateTimeStub, ICalTemporalZonedDateTimeStub } from 'ical-generator';

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

/** True when the runtime's time zone database knows `timeZone`. */
export const isKnownTimeZone = (timeZone: string): boolean => {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
};

/** Reads `instant` on a clock in `timeZone` (Intl, i.e. the runtime's IANA database). */
export const wallClock = (instant: Date, timeZone: string): WallClock => {
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
export const toOffsetDateTime = (instant: Date, timeZone: string): string => {
  const clock = wallClock(instant, timeZone);
  const sign = clock.offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.trunc(clock.offsetMinutes / 60))}:${pad(clock.offsetMinutes % 60)}`;
  return `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}T${pad(clock.hour)}:${pad(clock.minute)}:${pad(clock.second)}${offset}`;
};

/**
 * An instant seen in an IANA zone, in the shape of a Temporal.ZonedDateTime as far as
 * ical-generator reads one. ical-generator renders a native Date in a time zone with the
 * *process's* local clock; given a ZonedDateTime it writes the wall-clock time of the zone
 * (DTSTART;TZID=Europe/Rome:20250324T090000). Node 20 has no Temporal, so this adapter
 * answers those few reads from Intl. Replace with Temporal.Instant#toZonedDateTimeISO once
 * the runtime has it.
 */
class ZonedInstant implements ICalTemporalZonedDateTimeStub {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;

  constructor(
    private readonly instant: Date,
    readonly timeZoneId: string,
  ) {
    const clock = wallClock(instant, timeZoneId);
    this.year = clock.year;
    this.month = clock.month;
    this.day = clock.day;
    this.hour = clock.hour;
    this.minute = clock.minute;
    this.second = clock.second;
  }

  withTimeZone(timeZone: string): ICalTemporalZonedDateTimeStub {
    return new ZonedInstant(this.instant, timeZone);
  }

  toInstant(): ICalTemporalInstantStub {
    const instant = this.instant;
    return {
      epochMilliseconds: instant.getTime(),
      toJSON: () => instant.toISOString(),
      toString: () => instant.toISOString(),
      toZonedDateTimeISO: (timeZone: string) => new ZonedInstant(instant, timeZone),
    };
  }

  toPlainDateTime(): ICalTemporalPlainDateTimeStub {
    const { year, month, day, hour, minute, second } = this;
    const text = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
    const plainDate: ICalTemporalPlainDateStub = {
      year,
      month,
      day,
      toJSON: () => text.slice(0, 10),
      toString: () => text.slice(0, 10),
    };
    return {
      year,
      month,
      day,
      hour,
      minute,
      second,
      toJSON: () => text,
      toString: () => text,
      toPlainDate: () => plainDate,
      toZonedDateTime: (timeZone: string) => new ZonedInstant(this.instant, timeZone),
    };
  }

  toJSON(): string {
    return this.toString();
  }

  toString(): string {
    return `${toOffsetDateTime(this.instant, this.timeZoneId)}[${this.timeZoneId}]`;
  }
}

export const zonedInstant = (instant: Date, timeZone: string): ICalTemporalZonedDateTimeStub => new ZonedInstant(instant, timeZone);
