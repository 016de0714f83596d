import { useMemo } from 'react';
import { formatOffset, timeZoneOptions } from '../utils/zoned-time';
import { PickerField } from './PickerField';
import type { CustomFieldInputProps } from './types';

/** The IANA zones this browser knows (its tz database is the one the times are computed with). */
const supportedZones = (): string[] => {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
};

/**
 * IANA time zone, listed by region ("Europe/…") with each zone's UTC offset now, searchable by
 * any part of its name ("rome", "new york") or by offset ("+05:00").
 */
const TimeZoneInput = (props: CustomFieldInputProps) => {
  const options = useMemo(
    () =>
      timeZoneOptions(supportedZones(), new Date()).map((zone) => ({
        value: zone.id,
        label: `${zone.region === 'Other' ? zone.place : `${zone.region}/${zone.place}`} (${formatOffset(zone.offsetMinutes)})`,
      })),
    [],
  );
  return <PickerField {...props} options={options} />;
};

export default TimeZoneInput;
