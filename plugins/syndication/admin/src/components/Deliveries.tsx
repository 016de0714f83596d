import { useCallback, useEffect, useState } from 'react';
import {
  Badge,
  Box,
  Button,
  Field,
  Flex,
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
import { BASE, DELIVERY_STATUSES, errorMessage, type Delivery, type DeliveryStatus } from './api';

const STATUS_VARIANT: Record<DeliveryStatus, BadgeProps['variant']> = { pending: 'secondary', succeeded: 'success', failed: 'danger' };
const ALL = 'all';

/** A partner's recent deliveries, filtered by outcome on the server, with their attempt log and a Redeliver button. */
export const Deliveries = ({ partnerId, canManage, onError }: { partnerId: number; canManage: boolean; onError: (message: string) => void }) => {
  const { get, post } = useFetchClient();
  const { formatDate } = useIntl();
  const t = useTranslate();
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null);
  const [status, setStatus] = useState<DeliveryStatus | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const when = (value: string) => formatDate(value, { dateStyle: 'medium', timeStyle: 'short' });
  const statusLabel = (value: DeliveryStatus) =>
    ({
      pending: t('deliveries.status.pending', 'pending'),
      succeeded: t('deliveries.status.succeeded', 'succeeded'),
      failed: t('deliveries.status.failed', 'failed'),
    })[value];

  const load = useCallback(async () => {
    try {
      const { data } = await get<{ data: Delivery[] }>(`${BASE}/partners/${partnerId}/deliveries?limit=20${status ? `&status=${status}` : ''}`);
      setDeliveries(data.data);
    } catch (error) {
      onError(errorMessage(error));
    }
  }, [get, partnerId, status, onError]);

  useEffect(() => {
    void load();
  }, [load]);

  const redeliver = async (id: number) => {
    try {
      await post(`${BASE}/deliveries/${id}/attempts`);
      await load();
    } catch (error) {
      onError(errorMessage(error));
    }
  };

  return (
    <Box paddingTop={4}>
      <Flex justifyContent="space-between" alignItems="flex-end" paddingBottom={2} gap={2}>
        <Typography variant="delta" tag="h3">
          {t('deliveries.title', 'Recent deliveries')}
        </Typography>
        <Flex gap={2} alignItems="flex-end">
          <Field.Root id={`partner-${partnerId}-delivery-status`} name="deliveryStatus">
            <Field.Label>{t('deliveries.filter', 'Outcome')}</Field.Label>
            <SingleSelect size="S" value={status ?? ALL} onChange={(value) => setStatus(DELIVERY_STATUSES.find((candidate) => candidate === value) ?? null)}>
              <SingleSelectOption value={ALL}>{t('deliveries.filter.all', 'All outcomes')}</SingleSelectOption>
              {DELIVERY_STATUSES.map((candidate) => (
                <SingleSelectOption key={candidate} value={candidate}>
                  {statusLabel(candidate)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
          <Button variant="tertiary" size="S" onClick={() => void load()}>
            {t('refresh', 'Refresh')}
          </Button>
        </Flex>
      </Flex>
      {deliveries === null && <Typography>{t('deliveries.loading', 'Loading deliveries…')}</Typography>}
      {deliveries?.length === 0 && (
        <Typography textColor="neutral600" tag="p">
          {status ? t('deliveries.emptyWithStatus', 'No {status} deliveries.', { status: statusLabel(status) }) : t('deliveries.empty', 'No deliveries yet.')}
        </Typography>
      )}
      {deliveries && deliveries.length > 0 && (
        <Table colCount={6} rowCount={deliveries.length + 1}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">{t('deliveries.event', 'Event')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('deliveries.story', 'Story')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('deliveries.status', 'Status')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('deliveries.attempts', 'Attempts')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('deliveries.lastAnswer', 'Last answer')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('actions', 'Actions')}</Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {deliveries.map((delivery) => (
              <Tr key={delivery.id}>
                <Td>
                  <Typography>{delivery.event}</Typography>
                  <Typography variant="pi" textColor="neutral600" tag="p">
                    {when(delivery.createdAt)} · {delivery.webhookId}
                  </Typography>
                </Td>
                <Td>
                  <Typography>
                    {delivery.storyDocumentId} ({delivery.locales.join(', ')})
                  </Typography>
                </Td>
                <Td>
                  <Badge variant={STATUS_VARIANT[delivery.status]}>{statusLabel(delivery.status)}</Badge>
                  {delivery.nextAttemptAt && (
                    <Typography variant="pi" tag="p" textColor="neutral600">
                      {t('deliveries.next', 'next: {when}', { when: when(delivery.nextAttemptAt) })}
                    </Typography>
                  )}
                </Td>
                <Td>
                  <Button
                    variant="ghost"
                    size="S"
                    aria-expanded={open === delivery.id}
                    aria-label={t('deliveries.attempts.toggle', '{count, plural, one {# attempt} other {# attempts}}: show or hide', {
                      count: delivery.attemptCount,
                    })}
                    onClick={() => setOpen(open === delivery.id ? null : delivery.id)}
                  >
                    {delivery.attemptCount} {open === delivery.id ? '▲' : '▼'}
                  </Button>
                  {open === delivery.id &&
                    delivery.attempts.map((attempt) => (
                      <Typography key={attempt.number} variant="pi" tag="p">
                        #{attempt.number} {when(attempt.startedAt)} · {attempt.statusCode ?? '—'} · {attempt.durationMs ?? '?'} ms
                        {attempt.error ? ` · ${attempt.error}` : ''}
                        {attempt.responseBody ? ` · “${attempt.responseBody.slice(0, 120)}”` : ''}
                      </Typography>
                    ))}
                </Td>
                <Td>
                  <Typography>{delivery.lastStatusCode ?? delivery.lastError ?? '—'}</Typography>
                </Td>
                <Td>
                  {canManage && (
                    <Button variant="secondary" size="S" onClick={() => void redeliver(delivery.id)}>
                      {t('deliveries.redeliver', 'Redeliver')}
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
