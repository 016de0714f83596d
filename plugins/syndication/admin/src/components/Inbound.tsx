import { useState, type FormEvent } from 'react';
import {
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  MultiSelect,
  MultiSelectOption,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useTranslate } from '../utils/translations';
import { BASE, errorMessage, splitList, type InboundSettings, type Partner } from './api';
import { useLocales } from './references';

type Change = { target: { value: string } };

/** `theirs=ours, …` as the topic map, and back. */
const topicMapText = (map: Record<string, string>): string =>
  Object.entries(map)
    .map(([theirs, ours]) => `${theirs}=${ours}`)
    .join(', ');
const parseTopicMap = (text: string): Record<string, string> =>
  Object.fromEntries(
    splitList(text)
      .map((pair) => pair.split('=').map((part) => part.trim()))
      .filter((pair): pair is [string, string] => pair.length === 2 && pair[0] !== '' && pair[1] !== ''),
  );

/**
 * What a partner sends us: its inbox URL (copy it to the partner), the inbound settings, and the
 * secret it signs with (write-only: set or replaced here, never shown).
 */
export const Inbound = ({
  partner,
  canManage,
  onSaved,
  onError,
}: {
  partner: Partner;
  canManage: boolean;
  onSaved: () => Promise<void>;
  onError: (message: string) => void;
}) => {
  const { put } = useFetchClient();
  const t = useTranslate();
  const enabledLocales = useLocales(onError);
  const idOf = (field: string) => `partner-${partner.id}-${field}`;
  const [settings, setSettings] = useState<InboundSettings>(partner.inbound);
  const [locales, setLocales] = useState<string[]>(partner.inbound.locales);
  const [topicMap, setTopicMap] = useState(topicMapText(partner.inbound.topicMap));
  const [forwardReceived, setForwardReceived] = useState(partner.forwardReceived);
  const [secret, setSecret] = useState('');
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);

  const copy = async () => {
    await navigator.clipboard.writeText(partner.inboxUrl);
    setCopied(true);
    window.setTimeout(() => setCopied(false), 2000);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const inbound = {
        ...settings,
        feedUrl: settings.feedUrl?.trim() ? settings.feedUrl.trim() : null,
        locales,
        topicMap: parseTopicMap(topicMap),
      };
      // PUT: the admin fetch client has no patch (the server answers both).
      await put(`${BASE}/partners/${partner.id}`, { inbound, forwardReceived });
      await onSaved();
    } catch (failure) {
      onError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const saveSecret = async () => {
    try {
      await put(`${BASE}/partners/${partner.id}/inbound-secret`, { secret: secret.trim() });
      setSecret('');
      await onSaved();
    } catch (failure) {
      onError(errorMessage(failure));
    }
  };

  return (
    <Box paddingTop={4}>
      <Flex gap={2} alignItems="center" paddingBottom={3} wrap="wrap">
        <Typography variant="sigma">{t('inbound.inboxUrl', 'Inbox URL')}</Typography>
        <Typography tag="code">{partner.inboxUrl}</Typography>
        <Button variant="tertiary" size="S" onClick={() => void copy()}>
          {copied ? t('inbound.copied', 'Copied') : t('inbound.copy', 'Copy inbox URL')}
        </Button>
      </Flex>
      <Box
        tag="form"
        aria-label={t('inbound.form.label', 'Inbound settings of {name}', { name: partner.name })}
        onSubmit={(event: FormEvent) => void save(event)}
      >
        <Flex gap={4} alignItems="flex-end" wrap="wrap">
          <Checkbox checked={settings.enabled} disabled={!canManage} onCheckedChange={(checked) => setSettings({ ...settings, enabled: checked === true })}>
            {t('inbound.enabled', 'Receive this partner’s stories')}
          </Checkbox>
          <Field.Root id={idOf('policy')} name="policy">
            <Field.Label>{t('inbound.policy', 'Policy')}</Field.Label>
            <SingleSelect
              value={settings.policy}
              disabled={!canManage}
              onChange={(value) => setSettings({ ...settings, policy: value === 'publish' ? 'publish' : 'draft' })}
            >
              <SingleSelectOption value="draft">{t('inbound.policy.draft', 'Draft (an editor publishes)')}</SingleSelectOption>
              <SingleSelectOption value="publish">{t('inbound.policy.publish', 'Publish at once (trusted)')}</SingleSelectOption>
            </SingleSelect>
          </Field.Root>
          <Field.Root id={idOf('updates')} name="updates">
            <Field.Label>{t('inbound.updates', 'Updates')}</Field.Label>
            <SingleSelect
              value={settings.updates}
              disabled={!canManage}
              onChange={(value) => setSettings({ ...settings, updates: value === 'frozen' ? 'frozen' : 'held' })}
            >
              <SingleSelectOption value="held">{t('inbound.updates.held', 'Apply (held if edited here)')}</SingleSelectOption>
              <SingleSelectOption value="frozen">{t('inbound.updates.frozen', 'Frozen after the first import')}</SingleSelectOption>
            </SingleSelect>
          </Field.Root>
          <Field.Root id={idOf('feedUrl')} name="feedUrl" hint={t('inbound.feedUrl.hint', 'RSS, Atom or JSON Feed (empty: pushes only)')}>
            <Field.Label>{t('inbound.feedUrl', 'Feed URL')}</Field.Label>
            <TextInput value={settings.feedUrl ?? ''} disabled={!canManage} onChange={(e: Change) => setSettings({ ...settings, feedUrl: e.target.value })} />
            <Field.Hint />
          </Field.Root>
          <Field.Root id={idOf('pollInterval')} name="pollInterval" hint={t('inbound.pollInterval.hint', 'e.g. 15m, 1h')}>
            <Field.Label>{t('inbound.pollInterval', 'Poll every')}</Field.Label>
            <TextInput
              value={settings.pollInterval}
              disabled={!canManage}
              onChange={(e: Change) => setSettings({ ...settings, pollInterval: e.target.value })}
            />
            <Field.Hint />
          </Field.Root>
          <Field.Root id={idOf('inboundLocales')} name="inboundLocales" hint={t('inbound.locales.hint', 'None chosen: all of ours')}>
            <Field.Label>{t('inbound.locales', 'Locales taken')}</Field.Label>
            <MultiSelect
              value={locales}
              disabled={!canManage}
              onChange={setLocales}
              onClear={() => setLocales([])}
              clearLabel={t('inbound.locales.clear', 'All of ours')}
              placeholder={t('inbound.locales.placeholder', 'All of ours')}
              loading={enabledLocales === null}
              // Names, not tags: the tags' remove buttons have no accessible name.
              customizeContent={(codes: string[] = []) =>
                codes.map((code) => enabledLocales?.find((candidate) => candidate.code === code)?.name ?? code).join(', ')
              }
            >
              {(enabledLocales ?? []).map((candidate) => (
                <MultiSelectOption key={candidate.code} value={candidate.code} textValue={candidate.name}>
                  {candidate.name}
                </MultiSelectOption>
              ))}
            </MultiSelect>
            <Field.Hint />
          </Field.Root>
          <Field.Root id={idOf('topicMap')} name="topicMap" hint={t('inbound.topicMap.hint', 'their slug=our slug, …')}>
            <Field.Label>{t('inbound.topicMap', 'Topic map')}</Field.Label>
            <TextInput value={topicMap} disabled={!canManage} onChange={(e: Change) => setTopicMap(e.target.value)} />
            <Field.Hint />
          </Field.Root>
          <Checkbox checked={forwardReceived} disabled={!canManage} onCheckedChange={(checked) => setForwardReceived(checked === true)}>
            {t('inbound.forwardReceived', 'Also push stories received from other partners to this one')}
          </Checkbox>
          {canManage && (
            <Button type="submit" loading={busy}>
              {t('inbound.save', 'Save inbound settings')}
            </Button>
          )}
        </Flex>
      </Box>
      {canManage && (
        <Flex gap={4} alignItems="flex-end" paddingTop={4} wrap="wrap">
          <Field.Root
            id={idOf('inboundSecret')}
            name="inboundSecret"
            hint={
              partner.inboundSecretSet
                ? t('inbound.secret.set', 'Set (never shown). Enter a new one to replace it.')
                : t('inbound.secret.unset', 'Not set: pushes are refused (401).')
            }
          >
            <Field.Label>{t('inbound.secret', 'Partner’s signing secret')}</Field.Label>
            <TextInput type="password" autoComplete="off" placeholder="whsec_…" value={secret} onChange={(e: Change) => setSecret(e.target.value)} />
            <Field.Hint />
          </Field.Root>
          <Button variant="secondary" disabled={secret.trim() === ''} onClick={() => void saveSecret()}>
            {t('inbound.secret.save', 'Save secret')}
          </Button>
        </Flex>
      )}
    </Box>
  );
};
