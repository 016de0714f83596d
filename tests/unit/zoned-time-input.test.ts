import { formatOffset, fromLocal, isKnownTimeZone, offsetMinutesAt, timeZoneOptions, toLocal } from '../../plugins/editor-fields/admin/src/utils/zoned-time';

describe('local times of the event time input', () => {
  it('reads 09:00 in Rome as 08:00Z in winter and 07:00Z in summer', () => {
    expect(fromLocal({ date: '2025-01-20', time: '09:00' }, 'Europe/Rome')).toEqual({
      status: 'exact',
      instant: '2025-01-20T08:00:00.000Z',
      offsetMinutes: 60,
    });
    expect(fromLocal({ date: '2025-06-10', time: '09:00' }, 'Europe/Rome')).toMatchObject({ status: 'exact', instant: '2025-06-10T07:00:00.000Z' });
  });

  it('follows Rome across the change to summer time (last Sunday of March)', () => {
    // Saturday before and Monday after the change on Sunday 30 March 2025, 02:00 → 03:00.
    expect(fromLocal({ date: '2025-03-29', time: '09:00' }, 'Europe/Rome')).toMatchObject({ instant: '2025-03-29T08:00:00.000Z' });
    expect(fromLocal({ date: '2025-03-31', time: '09:00' }, 'Europe/Rome')).toMatchObject({ instant: '2025-03-31T07:00:00.000Z' });
    expect(fromLocal({ date: '2025-03-30', time: '01:59' }, 'Europe/Rome')).toMatchObject({ instant: '2025-03-30T00:59:00.000Z' });
    expect(fromLocal({ date: '2025-03-30', time: '03:00' }, 'Europe/Rome')).toMatchObject({ instant: '2025-03-30T01:00:00.000Z' });
  });

  it('says that a time skipped by the clocks going forward does not exist', () => {
    expect(fromLocal({ date: '2025-03-30', time: '02:30' }, 'Europe/Rome')).toEqual({ status: 'gap' });
    expect(fromLocal({ date: '2025-03-30', time: '02:00' }, 'Europe/Rome')).toEqual({ status: 'gap' });
  });

  it('takes the first of a time that happens twice (last Sunday of October) and names the other', () => {
    expect(fromLocal({ date: '2025-10-26', time: '02:30' }, 'Europe/Rome')).toEqual({
      status: 'ambiguous',
      instant: '2025-10-26T00:30:00.000Z',
      offsetMinutes: 120,
      later: '2025-10-26T01:30:00.000Z',
      laterOffsetMinutes: 60,
    });
    expect(fromLocal({ date: '2025-10-26', time: '03:00' }, 'Europe/Rome')).toMatchObject({ status: 'exact', instant: '2025-10-26T02:00:00.000Z' });
    expect(fromLocal({ date: '2025-10-27', time: '09:00' }, 'Europe/Rome')).toMatchObject({ instant: '2025-10-27T08:00:00.000Z' });
  });

  it('reads Almaty at UTC+05:00 since March 2024 and UTC+06:00 before', () => {
    expect(fromLocal({ date: '2025-03-24', time: '13:00' }, 'Asia/Almaty')).toMatchObject({ status: 'exact', instant: '2025-03-24T08:00:00.000Z' });
    expect(fromLocal({ date: '2023-03-24', time: '13:00' }, 'Asia/Almaty')).toMatchObject({ instant: '2023-03-24T07:00:00.000Z' });
    expect(offsetMinutesAt(new Date('2025-07-01T00:00:00Z'), 'Asia/Almaty')).toBe(300);
  });

  it('shows a stored instant as the wall time of the zone, whatever zone is asked', () => {
    expect(toLocal('2025-03-24T08:00:00.000Z', 'Europe/Rome')).toEqual({ date: '2025-03-24', time: '09:00' });
    expect(toLocal('2025-03-24T08:00:00.000Z', 'Asia/Almaty')).toEqual({ date: '2025-03-24', time: '13:00' });
    expect(toLocal('2025-03-24T23:30:00.000Z', 'Asia/Almaty')).toEqual({ date: '2025-03-25', time: '04:30' });
    expect(toLocal('2025-10-26T01:30:00.000Z', 'Europe/Rome')).toEqual({ date: '2025-10-26', time: '02:30' });
    expect(toLocal(null, 'Europe/Rome')).toBeNull();
    expect(toLocal('not a date', 'Europe/Rome')).toBeNull();
  });

  it('round-trips every half hour of a DST year in Rome, except the skipped hour', () => {
    for (let epochMs = Date.parse('2025-01-01T00:00:00Z'); epochMs < Date.parse('2026-01-01T00:00:00Z'); epochMs += 30 * 60_000) {
      const instant = new Date(epochMs).toISOString();
      const local = toLocal(instant, 'Europe/Rome');
      if (!local) throw new Error(`no local time for ${instant}`);
      const back = fromLocal(local, 'Europe/Rome');
      if (back.status === 'ambiguous') expect([back.instant, back.later]).toContain(instant);
      else expect(back).toMatchObject({ status: 'exact', instant });
    }
  });

  it('refuses what is not a date, a time or a zone', () => {
    expect(fromLocal({ date: '2025-02-30', time: '09:00' }, 'Europe/Rome')).toEqual({ status: 'invalid' });
    expect(fromLocal({ date: '2025-02-10', time: '24:00' }, 'Europe/Rome')).toEqual({ status: 'invalid' });
    expect(fromLocal({ date: '2025-02-10', time: '' }, 'Europe/Rome')).toEqual({ status: 'invalid' });
    expect(fromLocal({ date: '2025-02-10', time: '09:00' }, 'Europe/Turin')).toEqual({ status: 'invalid' });
    expect(isKnownTimeZone('Europe/Rome')).toBe(true);
    expect(isKnownTimeZone('')).toBe(false);
  });

  it('writes offsets as UTC±hh:mm', () => {
    expect(formatOffset(60)).toBe('UTC+01:00');
    expect(formatOffset(-330)).toBe('UTC-05:30');
    expect(formatOffset(345)).toBe('UTC+05:45');
    expect(formatOffset(0)).toBe('UTC+00:00');
  });
});

describe('time zone picker options', () => {
  it('groups the zones by region with their offset at the given instant, UTC included', () => {
    const options = timeZoneOptions(['Europe/Rome', 'America/Argentina/Buenos_Aires', 'Asia/Almaty', 'Europe/Amsterdam'], new Date('2025-07-01T00:00:00Z'));
    expect(options.map((option) => option.id)).toEqual(['America/Argentina/Buenos_Aires', 'Asia/Almaty', 'Europe/Amsterdam', 'Europe/Rome', 'UTC']);
    expect(options[0]).toEqual({ id: 'America/Argentina/Buenos_Aires', region: 'America', place: 'Argentina/Buenos Aires', offsetMinutes: -180 });
    expect(options.find((option) => option.id === 'Europe/Rome')?.offsetMinutes).toBe(120);
    expect(options.find((option) => option.id === 'UTC')).toEqual({ id: 'UTC', region: 'Other', place: 'UTC', offsetMinutes: 0 });
  });
});
