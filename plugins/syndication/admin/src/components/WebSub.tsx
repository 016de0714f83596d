import { useCallback, useEffect, useState } from 'react';
import { Badge, Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';
import { BASE, errorMessage } from './api';

/** One subscription as GET /syndication/websub/subscriptions answers it (no secret, the callback's host only). */
interface WebSubSubscription {
  id: number;
  callbackHost: string;
  leaseSeconds: number;
  expiresAt: string;
  lastDeliveryAt: string | null;
  lastDeliveryStatus: number | null;
  failureCount: number;
  hasSecret: boolean;
}

interface TopicGroup {
  topic: string;
  subscriptions: WebSubSubscription[];
}

/** Who subscribed to our feeds through our WebSub hub, per topic; an admin who may manage removes one. */
export const WebSub = ({ canManage, onError }: { canManage: boolean; onError: (message: string) => void }) => {
  const { get, del } = useFetchClient();
  const { formatMessage, formatDate } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: `${PLUGIN_ID}.${id}`, defaultMessage }, values);
  const [groups, setGroups] = useState<TopicGroup[] | null>(null);

  const load = useCallback(async () => {
    try {
      const { data } = await get<{ data: TopicGroup[] }>(`${BASE}/websub/subscriptions`);
      setGroups(data.data);
    } catch (error) {
      onError(errorMessage(error));
    }
  }, [get, onError]);

  useEffect(() => {
    void load();
  }, [load]);

  const remove = async (subscription: WebSubSubscription) => {
    if (!window.confirm(t('websub.confirmRemove', 'Remove the subscription of {host}? It gets no more deliveries.', { host: subscription.callbackHost })))
      return;
    try {
      await del(`${BASE}/websub/subscriptions/${subscription.id}`);
      await load();
    } catch (error) {
      onError(errorMessage(error));
    }
  };

  const when = (value: string) => formatDate(value, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <Box background="neutral0" padding={5} shadow="filterShadow" hasRadius>
      <Flex justifyContent="space-between" paddingBottom={3}>
        <Box>
          <Typography variant="delta" tag="h2">
            {t('websub.title', 'WebSub subscriptions')}
          </Typography>
          <Typography tag="p" textColor="neutral600">
            {t('websub.subtitle', 'Feed readers and services that get our feeds pushed by our hub when they change')}
          </Typography>
        </Box>
        <Button variant="tertiary" size="S" onClick={() => void load()}>
          {t('websub.refresh', 'Refresh')}
        </Button>
      </Flex>
      {groups === null && <Typography>{t('websub.loading', 'Loading subscriptions…')}</Typography>}
      {groups?.length === 0 && <Typography textColor="neutral600">{t('websub.empty', 'No WebSub subscriptions yet.')}</Typography>}
      {groups?.map((group) => (
        <Box key={group.topic} paddingTop={3}>
          <Typography variant="omega" fontWeight="bold" tag="h3">
            {group.topic}
          </Typography>
          <Table colCount={5} rowCount={group.subscriptions.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{t('websub.callbackHost', 'Subscriber')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('websub.leaseEnd', 'Lease ends')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('websub.lastDelivery', 'Last delivery')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('websub.failures', 'Failures')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('websub.actions', 'Actions')}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {group.subscriptions.map((subscription) => (
                <Tr key={subscription.id}>
                  <Td>
                    <Flex gap={2}>
                      <Typography>{subscription.callbackHost}</Typography>
                      {subscription.hasSecret && <Badge>{t('websub.signed', 'signed')}</Badge>}
                    </Flex>
                  </Td>
                  <Td>
                    <Typography>{when(subscription.expiresAt)}</Typography>
                  </Td>
                  <Td>
                    <Typography>
                      {subscription.lastDeliveryAt
                        ? t('websub.lastDeliveryValue', '{date} (status {status})', {
                            date: when(subscription.lastDeliveryAt),
                            status: subscription.lastDeliveryStatus ?? '—',
                          })
                        : t('websub.never', 'none yet')}
                    </Typography>
                  </Td>
                  <Td>
                    <Typography textColor={subscription.failureCount > 0 ? 'danger600' : undefined}>{subscription.failureCount}</Typography>
                  </Td>
                  <Td>
                    {canManage && (
                      <Button variant="danger-light" size="S" onClick={() => void remove(subscription)}>
                        {t('websub.remove', 'Remove')}
                      </Button>
                    )}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </Box>
      ))}
    </Box>
  );
};
