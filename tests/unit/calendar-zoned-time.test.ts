import { toOffsetDateTime, wallClock } from '../../packages/kit/src/zoned-time';
import { parseBound, validateListQuery } from '../../plugins/calendar/server/src/validation/query';

describe('zoned time', () => {
  it('reads instants on the zone clock on both sides of a DST change', () => {
    expect(toOffsetDateTime(new Date('2025-03-24T08:00:00Z'), 'Europe/Rome')).toBe('2025-03-24T09:00:00+01:00');
    expect(toOffsetDateTime(new Date('2025-03-31T15:00:00Z'), 'Europe/Rome')).toBe('2025-03-31T17:00:00+02:00');
    expect(toOffsetDateTime(new Date('2025-03-09T12:00:00Z'), 'America/New_York')).toBe('2025-03-09T08:00:00-04:00');
    expect(toOffsetDateTime(new Date('2025-01-01T00:00:00Z'), 'Asia/Kolkata')).toBe('2025-01-01T05:30:00+05:30');
    expect(wallClock(new Date('2025-06-10T23:30:00Z'), 'UTC')).toMatchObject({ day: 10, hour: 23, minute: 30, offsetMinutes: 0 });
  });
});

describe('query validation', () => {
  it('reads date bounds as instants, a date `to` as the end of that day', () => {
    expect(parseBound('2025-03-24', 'from').toISOString()).toBe('2025-03-24T00:00:00.000Z');
    expect(parseBound('2025-03-24', 'to').toISOString()).toBe('2025-03-24T23:59:59.999Z');
    expect(parseBound('2025-03-24T09:00:00+01:00', 'from').toISOString()).toBe('2025-03-24T08:00:00.000Z');
    expect(() => parseBound('2025-02-29', 'from')).toThrow(/ISO 8601/);
  });

  it('normalises the list query and rejects what it does not know', () => {
    expect(validateListQuery({ country: 'it', pagination: { page: '2' } })).toMatchObject({ filters: { country: 'IT' }, page: 2, pageSize: 25 });
    expect(() => validateListQuery({ populate: '*' })).toThrow(/unknown query parameter/);
    expect(() => validateListQuery({ when: ['upcoming', 'past'] })).toThrow();
  });
});
