import { useCallback, useEffect, useMemo, useState, type ChangeEvent } from 'react';
import { Alert, Box, Button, Combobox, ComboboxOption, Field, Flex, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { useFetchClient, useRBAC } from '@strapi/strapi/admin';
import { useTranslate } from '../utils/translations';
import { BASE, MANAGE, READ, browserTimeZone, errorMessage, knownTimeZones, showLocalTime, showUtc, type Job, type JobAction, type Target } from './api';

// The schedulable types change only with the server's config: asked once per page load.
let targetsRequest: Promise<Target[]> | null = null;

const useTargets = (): Target[] | null => {
  const { get } = useFetchClient();
  const [targets, setTargets] = useState<Target[] | null>(null);
  useEffect(() => {
    targetsRequest ??= get<{ data: Target[] }>(`${BASE}/content-types`).then(
      ({ data }) => data.data,
      () => {
        targetsRequest = null;
        return [];
      },
    );
    let live = true;
    void targetsRequest.then((list) => live && setTargets(list));
    return () => {
      live = false;
    };
  }, [get]);
  return targets;
};

interface ContentProps {
  uid: string;
  documentId: string;
  locale: string | null;
  canManage: boolean;
}

/** The form (date and time, zone, action) and the pending actions of this document in this locale. */
const ScheduleContent = ({ uid, documentId, locale, canManage }: ContentProps) => {
  const t = useTranslate();
  const { get, post } = useFetchClient();
  const zones = useMemo(knownTimeZones, []);
  const [localTime, setLocalTime] = useState('');
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [zoneText, setZoneText] = useState(browserTimeZone);
  const [action, setAction] = useState<JobAction>('publish');
  const [jobs, setJobs] = useState<Job[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const params = new URLSearchParams({ uid, documentId, status: 'pending', pageSize: '100' });
      if (locale) params.set('locale', locale);
      const { data } = await get<{ data: Job[] }>(`${BASE}/actions?${params.toString()}`);
      setJobs(data.data);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [get, uid, documentId, locale]);

  useEffect(() => {
    void load();
  }, [load]);

  const submit = async () => {
    setBusy(true);
    try {
      await post(`${BASE}/actions`, { uid, documentId, ...(locale ? { locale } : {}), action, localTime, timeZone });
      setError(null);
      setLocalTime('');
      await load();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const cancel = async (job: Job) => {
    setBusy(true);
    try {
      await post(`${BASE}/actions/${job.id}/cancellation`, {});
      setError(null);
      await load();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const actionLabel = (value: JobAction) => (value === 'publish' ? t('action.publish', 'Publish') : t('action.unpublish', 'Unpublish'));

  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%">
      {error && (
        <Alert variant="danger" title={t('error.title', 'Not scheduled')} onClose={() => setError(null)} closeLabel={t('close', 'Close')}>
          {error}
        </Alert>
      )}
      {canManage && (
        // No <form>: the panel sits inside the edit view's form, and a nested form's submit would save the document.
        <Flex direction="column" alignItems="stretch" gap={2}>
          <Field.Root name="scheduler-action">
            <Field.Label>{t('panel.action', 'Action')}</Field.Label>
            <SingleSelect value={action} onChange={(value: string | number) => setAction(value === 'unpublish' ? 'unpublish' : 'publish')}>
              <SingleSelectOption value="publish">{actionLabel('publish')}</SingleSelectOption>
              <SingleSelectOption value="unpublish">{actionLabel('unpublish')}</SingleSelectOption>
            </SingleSelect>
          </Field.Root>
          <Field.Root name="scheduler-local-time" required>
            <Field.Label>{t('panel.localTime', 'Date and time')}</Field.Label>
            <TextInput
              type="datetime-local"
              value={localTime}
              onChange={(event: ChangeEvent<HTMLInputElement>) => setLocalTime(event.target.value.slice(0, 16))}
            />
          </Field.Root>
          <Field.Root name="scheduler-time-zone" hint={t('panel.timeZone.hint', 'The time is read on this clock')}>
            <Field.Label>{t('panel.timeZone', 'Time zone')}</Field.Label>
            <Combobox
              autocomplete="list"
              value={timeZone}
              textValue={zoneText}
              onTextValueChange={setZoneText}
              onChange={(value?: string) => {
                if (value) setTimeZone(value);
              }}
              noOptionsMessage={() => t('panel.timeZone.none', 'No such time zone')}
            >
              {zones.map((zone) => (
                <ComboboxOption key={zone} value={zone}>
                  {zone}
                </ComboboxOption>
              ))}
            </Combobox>
            <Field.Hint />
          </Field.Root>
          <Button type="button" variant="secondary" disabled={busy || localTime === ''} fullWidth onClick={() => void submit()}>
            {t('panel.submit', 'Schedule')}
          </Button>
        </Flex>
      )}
      <Box>
        <Typography variant="sigma" textColor="neutral600" tag="h3">
          {t('panel.pending', 'Pending')}
        </Typography>
        {jobs === null ? (
          <Typography variant="pi">{t('loading', 'Loading…')}</Typography>
        ) : jobs.length === 0 ? (
          <Typography variant="pi" textColor="neutral600">
            {t('panel.none', 'Nothing scheduled for this locale')}
          </Typography>
        ) : (
          <Flex tag="ul" direction="column" alignItems="stretch" gap={2} paddingTop={2}>
            {jobs.map((job) => (
              <Flex tag="li" key={job.id} justifyContent="space-between" gap={2}>
                <Box>
                  <Typography variant="omega" fontWeight="bold">
                    {actionLabel(job.action)}
                  </Typography>
                  <Typography variant="pi" tag="p">
                    {showLocalTime(job.localTime)} ({job.timeZone})
                  </Typography>
                  <Typography variant="pi" textColor="neutral600" tag="p">
                    {showUtc(job.runAt)}
                  </Typography>
                </Box>
                {canManage && (
                  <Button variant="danger-light" size="S" disabled={busy} onClick={() => void cancel(job)}>
                    {t('cancel', 'Cancel')}
                  </Button>
                )}
              </Flex>
            ))}
          </Flex>
        )}
      </Box>
    </Flex>
  );
};

/**
 * The edit view's "Schedule" side panel: on saved documents of the types the server lets
 * editors schedule, for admins who may read scheduled actions.
 */
export const SchedulePanel: PanelComponent = ({ model, documentId, document }) => {
  const t = useTranslate();
  const targets = useTargets();
  const { allowedActions } = useRBAC({ read: READ, manage: MANAGE });
  const locale = typeof document?.locale === 'string' ? document.locale : null;
  if (!documentId || !allowedActions.canRead || !targets?.some((target) => target.uid === model)) return null;
  return {
    title: t('panel.title', 'Schedule'),
    content: (
      <ScheduleContent
        key={`${documentId}:${locale ?? ''}`}
        uid={model}
        documentId={documentId}
        locale={locale}
        canManage={Boolean(allowedActions.canManage)}
      />
    ),
  };
};
