import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Box, Button, Flex, Typography, type BadgeProps } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useRBAC } from '@strapi/strapi/admin';
import { BASE, errorMessage, type Partner } from '../components/api';
import { Deliveries } from '../components/Deliveries';
import { Inbound } from '../components/Inbound';
import { PartnerForm, type PartnerFormValues } from '../components/PartnerForm';
import { Received } from '../components/Received';
import { SecretNotice } from '../components/SecretNotice';
import { useTranslate } from '../utils/translations';
import { WebSub } from '../components/WebSub';

const READ = [{ action: 'plugin::syndication.partners.read', subject: null }];
const MANAGE = [{ action: 'plugin::syndication.partners.manage', subject: null }];
const STATUS_VARIANT: Record<Partner['status'], BadgeProps['variant']> = { active: 'success', paused: 'secondary', disabled: 'danger' };

type Panel = 'edit' | 'deliveries' | 'inbound' | 'received';

/**
 * Partners: list, register (secret shown once), edit, pause/resume, rotate the secret, recent
 * deliveries; what a partner sends us (inbox URL, inbound settings, its secret, write-only) and
 * what arrived from it (the received log, Accept update).
 */
const PartnersList = () => {
  const t = useTranslate();
  const { get, post, put } = useFetchClient();
  const { allowedActions } = useRBAC({ manage: MANAGE });
  const canManage = Boolean(allowedActions.canManage);
  const [partners, setPartners] = useState<Partner[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ partnerName: string; secret: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [expanded, setExpanded] = useState<{ partnerId: number; panel: Panel } | null>(null);
  const isOpen = (partnerId: number, panel: Panel) => expanded?.partnerId === partnerId && expanded.panel === panel;
  const toggle = (partnerId: number, panel: Panel) => setExpanded(isOpen(partnerId, panel) ? null : { partnerId, panel });

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

  const update = async (partner: Partner, values: PartnerFormValues): Promise<boolean> => {
    setBusy(true);
    try {
      // PUT: the admin fetch client has no patch (the server answers both).
      await put(`${BASE}/partners/${partner.id}`, values);
      setError(null);
      setExpanded(null);
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
    const question = t('partners.rotate.confirm', 'Replace the signing secret of {name}? Pushes are signed with the new one at once.', { name: partner.name });
    if (!window.confirm(question)) return;
    try {
      const { data } = await post<{ data: Partner; secret: string }>(`${BASE}/partners/${partner.id}/secret`);
      setSecret({ partnerName: partner.name, secret: data.secret });
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  const statusLabel = (status: Partner['status']) =>
    ({
      active: t('partners.status.active', 'active'),
      paused: t('partners.status.paused', 'paused'),
      disabled: t('partners.status.disabled', 'disabled'),
    })[status];
  const all = t('partners.filters.all', 'all');

  return (
    <Page.Main>
      <Page.Title>{t('partners.title', 'Syndication partners')}</Page.Title>
      <Layouts.Header
        title={t('partners.title', 'Syndication partners')}
        subtitle={t('partners.subtitle', 'Partner federations that receive signed pushes of our stories, and send us theirs')}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {error && (
            <Alert closeLabel={t('close', 'Close')} title={t('error', 'Error')} variant="danger" onClose={() => setError(null)}>
              {error}
            </Alert>
          )}
          {secret && <SecretNotice partnerName={secret.partnerName} secret={secret.secret} onClose={() => setSecret(null)} />}
          {canManage && <PartnerForm onSubmit={create} onError={setError} busy={busy} />}
          {partners === null && <Page.Loading />}
          {partners?.length === 0 && <Typography textColor="neutral600">{t('partners.empty', 'No partners yet.')}</Typography>}
          {partners?.map((partner) => (
            <Box key={partner.id} tag="section" aria-label={partner.name} background="neutral0" padding={5} shadow="filterShadow" hasRadius>
              <Flex justifyContent="space-between" alignItems="flex-start" gap={4}>
                <Box>
                  <Flex gap={2}>
                    <Typography variant="delta" tag="h2">
                      {partner.name}
                    </Typography>
                    <Badge variant={STATUS_VARIANT[partner.status]}>{statusLabel(partner.status)}</Badge>
                    {partner.inbound.enabled && (
                      <Badge variant="primary">
                        {partner.inbound.policy === 'publish'
                          ? t('partners.receiving.publish', 'receiving (publish)')
                          : t('partners.receiving.draft', 'receiving (draft)')}
                      </Badge>
                    )}
                  </Flex>
                  <Typography tag="p" textColor="neutral600">
                    {partner.endpointUrl ?? t('partners.noEndpoint', 'No endpoint: we push nothing to this partner')}
                  </Typography>
                  <Typography variant="pi" tag="p" textColor="neutral600">
                    {partner.organisation ? `${partner.organisation.name} · ` : ''}
                    {t('partners.filters', 'locales: {locales} · topics: {topics}', {
                      locales: partner.locales.length > 0 ? partner.locales.join(', ') : all,
                      topics: partner.topics.length > 0 ? partner.topics.join(', ') : all,
                    })}
                  </Typography>
                  {partner.disabledReason && (
                    <Typography variant="pi" tag="p" textColor="danger600">
                      {t('partners.disabled', 'Disabled: {reason}', { reason: partner.disabledReason })}
                    </Typography>
                  )}
                </Box>
                <Flex gap={2} wrap="wrap" justifyContent="flex-end">
                  {canManage && (
                    <Button variant="secondary" aria-expanded={isOpen(partner.id, 'edit')} onClick={() => toggle(partner.id, 'edit')}>
                      {t('partners.edit', 'Edit')}
                    </Button>
                  )}
                  {canManage && partner.status === 'active' && (
                    <Button variant="secondary" onClick={() => void setStatus(partner, 'paused')}>
                      {t('partners.pause', 'Pause')}
                    </Button>
                  )}
                  {canManage && partner.status !== 'active' && (
                    <Button variant="secondary" onClick={() => void setStatus(partner, 'active')}>
                      {partner.status === 'disabled' ? t('partners.enable', 'Enable') : t('partners.resume', 'Resume')}
                    </Button>
                  )}
                  {canManage && (
                    <Button variant="danger-light" onClick={() => void rotate(partner)}>
                      {t('partners.rotate', 'Rotate secret')}
                    </Button>
                  )}
                  <Button variant="tertiary" aria-expanded={isOpen(partner.id, 'deliveries')} onClick={() => toggle(partner.id, 'deliveries')}>
                    {isOpen(partner.id, 'deliveries') ? t('partners.deliveries.hide', 'Hide deliveries') : t('partners.deliveries.show', 'Recent deliveries')}
                  </Button>
                  <Button variant="tertiary" aria-expanded={isOpen(partner.id, 'inbound')} onClick={() => toggle(partner.id, 'inbound')}>
                    {isOpen(partner.id, 'inbound') ? t('partners.inbound.hide', 'Hide inbound') : t('partners.inbound.show', 'Inbound')}
                  </Button>
                  <Button variant="tertiary" aria-expanded={isOpen(partner.id, 'received')} onClick={() => toggle(partner.id, 'received')}>
                    {isOpen(partner.id, 'received') ? t('partners.received.hide', 'Hide received') : t('partners.received.show', 'Received')}
                  </Button>
                </Flex>
              </Flex>
              {isOpen(partner.id, 'edit') && (
                <PartnerForm
                  partner={partner}
                  onSubmit={(values) => update(partner, values)}
                  onCancel={() => setExpanded(null)}
                  onError={setError}
                  busy={busy}
                />
              )}
              {isOpen(partner.id, 'deliveries') && <Deliveries partnerId={partner.id} canManage={canManage} onError={setError} />}
              {isOpen(partner.id, 'inbound') && <Inbound partner={partner} canManage={canManage} onSaved={load} onError={setError} />}
              {isOpen(partner.id, 'received') && <Received partnerId={partner.id} canManage={canManage} onError={setError} />}
            </Box>
          ))}
          <WebSub canManage={canManage} onError={setError} />
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
