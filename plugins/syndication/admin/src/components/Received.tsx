import { useCallback, useEffect, useState } from 'react';
import {
  Badge,
  Box,
  Button,
  Flex,
  Link,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
  type BadgeProps,
} from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useTranslate } from '../utils/translations';
import { BASE, OUTCOMES, errorMessage, type Outcome, type ReceivedEntry } from './api';

const OUTCOME_VARIANT: Record<Outcome, BadgeProps['variant']> = {
  created: 'success',
  updated: 'success',
  pending: 'warning',
  unpublished: 'secondary',
  rejected: 'danger',
};

/** What arrived from a partner, newest first, with an outcome filter, links to the stories and Accept update for held ones. */
export const Received = ({ partnerId, canManage, onError }: { partnerId: number; canManage: boolean; onError: (message: string) => void }) => {
  const { get, post } = useFetchClient();
  const { formatDate } = useIntl();
  const t = useTranslate();
  const outcomeLabel = (value: Outcome) =>
    ({
      created: t('received.outcome.created', 'created'),
      updated: t('received.outcome.updated', 'updated'),
      pending: t('received.outcome.pending', 'pending'),
      unpublished: t('received.outcome.unpublished', 'unpublished'),
      rejected: t('received.outcome.rejected', 'rejected'),
    })[value];
  const [entries, setEntries] = useState<ReceivedEntry[] | null>(null);
  const [storyType, setStoryType] = useState('api::story.story');
  const [outcome, setOutcome] = useState<Outcome | ''>('');

  const load = useCallback(async () => {
    try {
      const filter = outcome ? `&outcome=${outcome}` : '';
      const { data } = await get<{ data: ReceivedEntry[]; meta: { storyContentType: string } }>(`${BASE}/partners/${partnerId}/received?limit=50${filter}`);
      setEntries(data.data);
      setStoryType(data.meta.storyContentType);
    } catch (error) {
      onError(errorMessage(error));
    }
  }, [get, partnerId, outcome, onError]);

  useEffect(() => {
    void load();
  }, [load]);

  const accept = async (id: number) => {
    try {
      await post(`${BASE}/received/${id}/acceptance`);
      await load();
    } catch (error) {
      onError(errorMessage(error));
    }
  };

  return (
    <Box paddingTop={4}>
      <Flex justifyContent="space-between" alignItems="flex-end" paddingBottom={2} gap={2}>
        <Typography variant="delta" tag="h3">
          {t('received.title', 'Received')}
        </Typography>
        <Flex gap={2}>
          <SingleSelect
            aria-label={t('received.filter', 'Outcome')}
            placeholder={t('received.filter.all', 'All outcomes')}
            clearLabel={t('received.filter.clear', 'All outcomes')}
            value={outcome}
            onClear={() => setOutcome('')}
            onChange={(value) => setOutcome(OUTCOMES.find((candidate) => candidate === value) ?? '')}
          >
            {OUTCOMES.map((candidate) => (
              <SingleSelectOption key={candidate} value={candidate}>
                {outcomeLabel(candidate)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Button variant="tertiary" size="S" onClick={() => void load()}>
            {t('refresh', 'Refresh')}
          </Button>
        </Flex>
      </Flex>
      {entries === null && <Typography>{t('loading', 'Loading…')}</Typography>}
      {entries?.length === 0 && (
        <Typography textColor="neutral600">
          {outcome
            ? t('received.emptyWithOutcome', 'Nothing received with outcome {outcome}.', { outcome: outcomeLabel(outcome) })
            : t('received.empty', 'Nothing received.')}
        </Typography>
      )}
      {entries && entries.length > 0 && (
        <Table colCount={5} rowCount={entries.length + 1}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">{t('received.story', 'Story')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('received.locales', 'Locales')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('received.outcome', 'Outcome')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('received.when', 'When')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('actions', 'Actions')}</Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {entries.map((entry) => (
              <Tr key={entry.id}>
                <Td>
                  {entry.storyDocumentId ? (
                    <Link
                      href={`/admin/content-manager/collection-types/${storyType}/${entry.storyDocumentId}${entry.locales[0] ? `?plugins[i18n][locale]=${entry.locales[0]}` : ''}`}
                    >
                      {entry.title ?? entry.externalId}
                    </Link>
                  ) : (
                    <Typography>{entry.title ?? entry.externalId}</Typography>
                  )}
                  <Typography variant="pi" tag="p" textColor="neutral600">
                    {entry.via} · {entry.externalId}
                  </Typography>
                </Td>
                <Td>
                  <Typography>{entry.locales.join(', ') || '—'}</Typography>
                  {entry.skippedLocales.length > 0 && (
                    <Typography variant="pi" tag="p" textColor="neutral600">
                      {t('received.skippedLocales', 'left out: {locales}', { locales: entry.skippedLocales.join(', ') })}
                    </Typography>
                  )}
                  {entry.unknownTopics.length > 0 && (
                    <Typography variant="pi" tag="p" textColor="neutral600">
                      {t('received.unknownTopics', 'unknown topics: {topics}', { topics: entry.unknownTopics.join(', ') })}
                    </Typography>
                  )}
                </Td>
                <Td>
                  <Badge variant={OUTCOME_VARIANT[entry.outcome]}>{outcomeLabel(entry.outcome)}</Badge>
                  {entry.resolved && (
                    <Typography variant="pi" tag="p" textColor="neutral600">
                      {entry.resolved === 'accepted' ? t('received.resolved.accepted', 'accepted') : t('received.resolved.superseded', 'superseded')}
                    </Typography>
                  )}
                  {entry.reason && (
                    <Typography variant="pi" tag="p" textColor="neutral600">
                      {entry.reason}
                    </Typography>
                  )}
                  {entry.changes.length > 0 && (
                    <Typography variant="pi" tag="p" textColor="neutral600">
                      {t('received.changes', 'would change: {fields}', { fields: entry.changes.join(', ') })}
                    </Typography>
                  )}
                </Td>
                <Td>
                  <Typography>{formatDate(entry.receivedAt, { dateStyle: 'medium', timeStyle: 'short' })}</Typography>
                </Td>
                <Td>
                  {canManage && entry.acceptable && (
                    <Button variant="secondary" size="S" onClick={() => void accept(entry.id)}>
                      {t('received.accept', 'Accept update')}
                    </Button>
                  )}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </Box>
  );
};
