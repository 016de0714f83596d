import { useState, type FormEvent } from 'react';
import { Box, Button, Checkbox, Field, Flex, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { BASE, errorMessage, splitList, type InboundSettings, type Partner } from './api';

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
  const [settings, setSettings] = useState<InboundSettings>(partner.inbound);
  const [locales, setLocales] = useState(partner.inbound.locales.join(', '));
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
        locales: splitList(locales),
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
        <Typography variant="sigma">Inbox URL</Typography>
        <Typography tag="code">{partner.inboxUrl}</Typography>
        <Button variant="tertiary" size="S" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </Flex>
      <Box tag="form" onSubmit={(event: FormEvent) => void save(event)}>
        <Flex gap={4} alignItems="flex-end" wrap="wrap">
          <Checkbox checked={settings.enabled} disabled={!canManage} onCheckedChange={(checked) => setSettings({ ...settings, enabled: checked === true })}>
            Receive this partner&apos;s stories
          </Checkbox>
          <Field.Root name="policy">
            <Field.Label>Policy</Field.Label>
            <SingleSelect
              value={settings.policy}
              disabled={!canManage}
              onChange={(value) => setSettings({ ...settings, policy: value === 'publish' ? 'publish' : 'draft' })}
            >
              <SingleSelectOption value="draft">Draft (an editor publishes)</SingleSelectOption>
              <SingleSelectOption value="publish">Publish at once (trusted)</SingleSelectOption>
            </SingleSelect>
          </Field.Root>
          <Field.Root name="updates">
            <Field.Label>Updates</Field.Label>
            <SingleSelect
              value={settings.updates}
              disabled={!canManage}
              onChange={(value) => setSettings({ ...settings, updates: value === 'frozen' ? 'frozen' : 'held' })}
            >
              <SingleSelectOption value="held">Apply (held if edited here)</SingleSelectOption>
              <SingleSelectOption value="frozen">Frozen after the first import</SingleSelectOption>
            </SingleSelect>
          </Field.Root>
          <Field.Root name="feedUrl" hint="RSS, Atom or JSON Feed (empty: pushes only)">
            <Field.Label>Feed URL</Field.Label>
            <TextInput value={settings.feedUrl ?? ''} disabled={!canManage} onChange={(e: Change) => setSettings({ ...settings, feedUrl: e.target.value })} />
            <Field.Hint />
          </Field.Root>
          <Field.Root name="pollInterval" hint="e.g. 15m, 1h">
            <Field.Label>Poll every</Field.Label>
            <TextInput
              value={settings.pollInterval}
              disabled={!canManage}
              onChange={(e: Change) => setSettings({ ...settings, pollInterval: e.target.value })}
            />
            <Field.Hint />
          </Field.Root>
          <Field.Root name="inboundLocales" hint="e.g. en, ru (empty: all ours)">
            <Field.Label>Locales taken</Field.Label>
            <TextInput value={locales} disabled={!canManage} onChange={(e: Change) => setLocales(e.target.value)} />
            <Field.Hint />
          </Field.Root>
          <Field.Root name="topicMap" hint="their slug=our slug, …">
            <Field.Label>Topic map</Field.Label>
            <TextInput value={topicMap} disabled={!canManage} onChange={(e: Change) => setTopicMap(e.target.value)} />
            <Field.Hint />
          </Field.Root>
          <Checkbox checked={forwardReceived} disabled={!canManage} onCheckedChange={(checked) => setForwardReceived(checked === true)}>
            Also push stories received from other partners to this one
          </Checkbox>
          {canManage && (
            <Button type="submit" loading={busy}>
              Save inbound settings
            </Button>
          )}
        </Flex>
      </Box>
      {canManage && (
        <Flex gap={4} alignItems="flex-end" paddingTop={4} wrap="wrap">
          <Field.Root
            name="inboundSecret"
            hint={partner.inboundSecretSet ? 'Set (never shown). Enter a new one to replace it.' : 'Not set: pushes are refused (401).'}
          >
            <Field.Label>Partner&apos;s signing secret</Field.Label>
            <TextInput type="password" autoComplete="off" placeholder="whsec_…" value={secret} onChange={(e: Change) => setSecret(e.target.value)} />
            <Field.Hint />
          </Field.Root>
          <Button variant="secondary" disabled={secret.trim() === ''} onClick={() => void saveSecret()}>
            Save secret
          </Button>
        </Flex>
      )}
    </Box>
  );
};
