import { useEffect, useRef, useState } from 'react';
import { Box, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { useForm } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';
import { formatOffset, fromLocal, isKnownTimeZone, offsetMinutesAt, toLocal, type LocalDateTime } from '../utils/zoned-time';
import type { CustomFieldInputProps } from './types';

/** The attribute beside this one that names the zone (the event's `timeZone`). */
const ZONE_ATTRIBUTE = 'timeZone';

const siblingPath = (path: string, attribute: string) => path.replace(/[^.]+$/, attribute);

const readPath = (values: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), values);

const EMPTY: LocalDateTime = { date: '', time: '' };

const sameInstant = (a: unknown, b: string) => typeof a === 'string' && Date.parse(a) === Date.parse(b);

/**
 * A UTC instant entered and shown as the wall time of the event's own time zone (the form's
 * `timeZone`), not the browser's: an editor in Almaty types a Turin course's 09:00 as 09:00.
 *
 * When the zone is changed, the wall time typed stays and the instant moves with it: the editor
 * typed the venue's local time, and a zone picked after (or corrected) is the zone of that time.
 * A time the clocks skip is refused (the stored value is cleared, so the required check stops
 * the save); a time that happens twice takes the first, and the hint says so.
 */
const ZonedDateTimeInput = ({ name, value, onChange, label, labelAction, hint, error, required, disabled }: CustomFieldInputProps) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string>) => formatMessage({ id: `${PLUGIN_ID}.${id}`, defaultMessage }, values);
  const chosenZone = useForm('ZonedDateTimeInput', (state) => readPath(state.values, siblingPath(name, ZONE_ATTRIBUTE)));
  const zone = isKnownTimeZone(chosenZone) ? chosenZone : 'UTC';
  const stored = typeof value === 'string' && value !== '' ? value : null;

  const [draft, setDraft] = useState<LocalDateTime>(() => toLocal(stored, zone) ?? EMPTY);
  const previousZone = useRef(zone);

  useEffect(() => {
    const zoneChanged = previousZone.current !== zone;
    previousZone.current = zone;
    if (zoneChanged && draft.date && draft.time) {
      const moved = fromLocal(draft, zone);
      const instant = moved.status === 'exact' || moved.status === 'ambiguous' ? moved.instant : null;
      if (instant === null ? stored !== null : !sameInstant(stored, instant)) onChange(name, instant);
      return;
    }
    // A value set from outside (the document loading, a reset): shown in the zone, unless the
    // draft already names it (then it is what was just typed, and stays as typed).
    if (stored === null) return;
    const current = fromLocal(draft, zone);
    if ((current.status === 'exact' || current.status === 'ambiguous') && sameInstant(stored, current.instant)) return;
    setDraft(toLocal(stored, zone) ?? EMPTY);
    // Only the stored value and the zone drive this; the draft is read as it is then.
  }, [stored, zone]);

  const update = (next: LocalDateTime) => {
    setDraft(next);
    const resolved = fromLocal(next, zone);
    const instant = resolved.status === 'exact' || resolved.status === 'ambiguous' ? resolved.instant : null;
    if (instant === null ? stored !== null : !sameInstant(stored, instant)) onChange(name, instant);
  };

  const resolution = draft.date && draft.time ? fromLocal(draft, zone) : null;
  const offset = formatOffset(offsetMinutesAt(resolution && 'instant' in resolution ? new Date(resolution.instant) : new Date(), zone));
  const ownError =
    resolution?.status === 'gap'
      ? t('zoned-datetime.gap', '{time} does not exist on {date} in {zone}: the clocks skip it. Choose another time.', {
          time: draft.time,
          date: draft.date,
          zone,
        })
      : undefined;
  const notes: string[] = [];
  if (!isKnownTimeZone(chosenZone)) notes.push(t('zoned-datetime.no-zone', 'No time zone chosen: the time is read as UTC.'));
  if (resolution?.status === 'ambiguous') {
    notes.push(
      t('zoned-datetime.ambiguous', '{time} happens twice on {date} (the clocks go back); the first, at {offset}, is taken.', {
        time: draft.time,
        date: draft.date,
        offset: formatOffset(resolution.offsetMinutes),
      }),
    );
  }
  if (resolution?.status === 'exact' || resolution?.status === 'ambiguous') {
    notes.push(t('zoned-datetime.utc', 'Stored as {instant}.', { instant: resolution.instant.replace('.000Z', 'Z') }));
  }
  const shownHint = (
    <>
      {hint}
      {hint && notes.length > 0 ? ' ' : null}
      {notes.join(' ')}
    </>
  );

  return (
    <Field.Root name={name} id={name} error={ownError ?? error} hint={shownHint} required={required}>
      <Field.Label action={labelAction}>{label}</Field.Label>
      {/* Date and time share a row where there is room and wrap where there is not (the event's
          layout gives each time a third of a row); the zone sits under them. */}
      <Flex direction="column" alignItems="stretch" gap={1}>
        <Flex gap={2} wrap="wrap">
          <Box flex="1 1 140px">
            <TextInput
              type="date"
              name={`${name}-date`}
              aria-label={t('zoned-datetime.date', 'Date in {zone}', { zone })}
              value={draft.date}
              disabled={disabled}
              onChange={(event: { target: { value: string } }) => update({ ...draft, date: event.target.value })}
            />
          </Box>
          <Box flex="1 1 120px">
            <TextInput
              type="time"
              name={`${name}-time`}
              aria-label={t('zoned-datetime.time', 'Time in {zone}', { zone })}
              value={draft.time}
              disabled={disabled}
              onChange={(event: { target: { value: string } }) => update({ ...draft, time: event.target.value })}
            />
          </Box>
        </Flex>
        <Typography variant="pi" fontWeight="bold" textColor="neutral700" data-zone={zone}>
          {zone} ({offset})
        </Typography>
      </Flex>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};

export default ZonedDateTimeInput;
