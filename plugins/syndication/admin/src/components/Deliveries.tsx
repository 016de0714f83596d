import { useCallback, useEffect, useState } from 'react';
import { Badge, Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography, type BadgeProps } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { BASE, errorMessage, type Delivery } from './api';

const STATUS_VARIANT: Record<Delivery['status'], BadgeProps['variant']> = { pending: 'secondary', succeeded: 'success', failed: 'danger' };

/** A partner's recent deliveries with their attempt log and a Redeliver button. */
export const Deliveries = ({ partnerId, canManage, onError }: { partnerId: number; canManage: boolean; onError: (message: string) => void }) => {
  const { get, post } = useFetchClient();
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null);
  const [open, setOpen] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      const { data } = await get<{ data: Delivery[] }>(`${BASE}/partners/${partnerId}/deliveries?limit=20`);
      setDeliveries(data.data);
    } catch (error) {
      onError(errorMessage(error));
    }
  }, [get, partnerId, onError]);

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

  if (deliveries === null) return <Typography>Loading deliveries…</Typography>;
  if (deliveries.length === 0) return <Typography textColor="neutral600">No deliveries yet.</Typography>;

  return (
    <Box paddingTop={2}>
      <Flex justifyContent="flex-end" paddingBottom={2}>
        <Button variant="tertiary" size="S" onClick={() => void load()}>
          Refresh
        </Button>
      </Flex>
      <Table colCount={6} rowCount={deliveries.length + 1}>
        <Thead>
          <Tr>
            <Th>
              <Typography variant="sigma">Event</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">Story</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">Status</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">Attempts</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">Last answer</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">Actions</Typography>
            </Th>
          </Tr>
        </Thead>
        <Tbody>
          {deliveries.map((delivery) => (
            <Tr key={delivery.id}>
              <Td>
                <Typography>{delivery.event}</Typography>
                <Typography variant="pi" textColor="neutral600" tag="p">
                  {new Date(delivery.createdAt).toLocaleString()} · {delivery.webhookId}
                </Typography>
              </Td>
              <Td>
                <Typography>
                  {delivery.storyDocumentId} ({delivery.locales.join(', ')})
                </Typography>
              </Td>
              <Td>
                <Badge variant={STATUS_VARIANT[delivery.status]}>{delivery.status}</Badge>
                {delivery.nextAttemptAt && (
                  <Typography variant="pi" tag="p" textColor="neutral600">
                    next: {new Date(delivery.nextAttemptAt).toLocaleString()}
                  </Typography>
                )}
              </Td>
              <Td>
                <Button variant="ghost" size="S" onClick={() => setOpen(open === delivery.id ? null : delivery.id)}>
                  {delivery.attemptCount} {open === delivery.id ? '▲' : '▼'}
                </Button>
                {open === delivery.id &&
                  delivery.attempts.map((attempt) => (
                    <Typography key={attempt.number} variant="pi" tag="p">
                      #{attempt.number} {new Date(attempt.startedAt).toLocaleString()} · {attempt.statusCode ?? '—'} · {attempt.durationMs ?? '?'} ms
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
                    Redeliver
                  </Button>
                )}
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </Box>
  );
};
