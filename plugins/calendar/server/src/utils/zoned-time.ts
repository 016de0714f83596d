import type { ICalTemporalInstantStub, ICalTemporalPlainDateStub, ICalTemporalPlainDateTimeStub, ICalTemporalZonedDateTimeStub } from 'ical-generator';
import { toOffsetDateTime, wallClock } from '@union-comms/kit';

const pad = (value: number, width = 2) => String(Math.abs(value)).padStart(width, '0');

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
