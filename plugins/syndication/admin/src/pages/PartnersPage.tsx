import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Box, Button, Flex, Typography, type BadgeProps } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useRBAC } from '@strapi/strapi/admin';
import { BASE, errorMessage, type Partner } from '../components/api';
import { Deliveries } from '../components/Deliveries';
import { PartnerForm, type PartnerFormValues } from '../components/PartnerForm';
import { SecretNotice } from '../components/SecretNotice';

const READ = [{ action: 'plugin::syndication.partners.read', subject: null }];
const MANAGE = [{ action: 'plugin::syndication.partners.manage', subject: null }];
const STATUS_VARIANT: Record<Partner['status'], BadgeProps['variant']> = { active: 'success', paused: 'secondary', disabled: 'danger' };

/** Partners: list, register (secret shown once), pause/resume, rotate the secret, recent deliveries. */
const PartnersList = () => {
  const { get, post, put } = useFetchClient();
  const { allowedActions } = useRBAC({ manage: MANAGE });
  const canManage = Boolean(allowedActions.canManage);
  const [partners, setPartners] = useState<Partner[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ partnerName: string; secret: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [expanded, setExpanded] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      const { data } = await get<{ data: Partner[] }>(`${BASE}/partners`);
      setPartners(data.data);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [get]);

  useEffect(() => {
    void load();
  }, [load]);

  const create = async (values: PartnerFormValues): Promise<boolean> => {
    setBusy(true);
    try {
      const { data } = await post<{ data: Partner; secret: string }>(`${BASE}/partners`, values);
      setSecret({ partnerName: data.data.name, secret: data.secret });
      setError(null);
      await load();
      return true;
    } catch (failure) {
      setError(errorMessage(failure));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const setStatus = async (partner: Partner, status: 'active' | 'paused') => {
    try {
      // PUT: the admin fetch client has no patch (the server answers both).
      await put(`${BASE}/partners/${partner.id}`, { status });
      await load();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  const rotate = async (partner: Partner) => {
    if (!window.confirm(`Replace the signing secret of ${partner.name}? Pushes are signed with the new one at once.`)) return;
    try {
      const { data } = await post<{ data: Partner; secret: string }>(`${BASE}/partners/${partner.id}/secret`);
      setSecret({ partnerName: partner.name, secret: data.secret });
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <Page.Main>
      <Page.Title>Syndication partners</Page.Title>
      <Layouts.Header
        title="Syndication partners"
        subtitle="Partner federations that receive signed pushes when a story is published, updated or unpublished"
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {error && (
            <Alert closeLabel="Close" title="Error" variant="danger" onClose={() => setError(null)}>
              {error}
            </Alert>
          )}
          {secret && <SecretNotice partnerName={secret.partnerName} secret={secret.secret} onClose={() => setSecret(null)} />}
          {canManage && <PartnerForm onSubmit={create} busy={busy} />}
          {partners === null && <Page.Loading />}
          {partners?.length === 0 && <Typography textColor="neutral600">No partners yet.</Typography>}
          {partners?.map((partner) => (
            <Box key={partner.id} background="neutral0" padding={5} shadow="filterShadow" hasRadius>
              <Flex justifyContent="space-between" alignItems="flex-start" gap={4}>
                <Box>
                  <Flex gap={2}>
                    <Typography variant="delta" tag="h2">
                      {partner.name}
                    </Typography>
                    <Badge variant={STATUS_VARIANT[partner.status]}>{partner.status}</Badge>
                  </Flex>
                  <Typography tag="p" textColor="neutral600">
                    {partner.endpointUrl}
                  </Typography>
                  <Typography variant="pi" tag="p" textColor="neutral600">
                    {partner.organisation ? `${partner.organisation.name} · ` : ''}
                    locales: {partner.locales.length > 0 ? partner.locales.join(', ') : 'all'} · topics:{' '}
                    {partner.topics.length > 0 ? partner.topics.join(', ') : 'all'}
                  </Typography>
                  {partner.disabledReason && (
                    <Typography variant="pi" tag="p" textColor="danger600">
                      Disabled: {partner.disabledReason}
                    </Typography>
                  )}
                </Box>
                <Flex gap={2}>
                  {canManage && partner.status === 'active' && (
                    <Button variant="secondary" onClick={() => void setStatus(partner, 'paused')}>
                      Pause
                    </Button>
                  )}
                  {canManage && partner.status !== 'active' && (
                    <Button variant="secondary" onClick={() => void setStatus(partner, 'active')}>
                      {partner.status === 'disabled' ? 'Enable' : 'Resume'}
                    </Button>
                  )}
                  {canManage && (
                    <Button variant="danger-light" onClick={() => void rotate(partner)}>
                      Rotate secret
                    </Button>
                  )}
                  <Button variant="tertiary" onClick={() => setExpanded(expanded === partner.id ? null : partner.id)}>
                    {expanded === partner.id ? 'Hide deliveries' : 'Recent deliveries'}
                  </Button>
                </Flex>
              </Flex>
              {expanded === partner.id && <Deliveries partnerId={partner.id} canManage={canManage} onError={setError} />}
            </Box>
          ))}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

const PartnersPage = () => (
  <Page.Protect permissions={READ}>
    <PartnersList />
  </Page.Protect>
);

export default PartnersPage;
