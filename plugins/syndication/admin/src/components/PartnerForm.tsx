import { useState, type FormEvent } from 'react';
import { Box, Button, Field, Flex, TextInput } from '@strapi/design-system';
import { splitList } from './api';

export interface PartnerFormValues {
  name: string;
  /** Absent: a partner we only receive from. */
  endpointUrl?: string;
  locales: string[];
  topics: string[];
}

/**
 * Registers a partner: name, the endpoint we push to (empty for a partner we only receive from;
 * its inbound settings are edited on the partner once it exists) and optional filters.
 */
export const PartnerForm = ({ onSubmit, busy }: { onSubmit: (values: PartnerFormValues) => Promise<boolean>; busy: boolean }) => {
  const [name, setName] = useState('');
  const [endpointUrl, setEndpointUrl] = useState('');
  const [locales, setLocales] = useState('');
  const [topics, setTopics] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const endpoint = endpointUrl.trim();
    const created = await onSubmit({
      name: name.trim(),
      ...(endpoint !== '' && { endpointUrl: endpoint }),
      locales: splitList(locales),
      topics: splitList(topics),
    });
    if (created) {
      setName('');
      setEndpointUrl('');
      setLocales('');
      setTopics('');
    }
  };

  return (
    <Box tag="form" onSubmit={(event: FormEvent) => void submit(event)} background="neutral0" padding={6} shadow="filterShadow" hasRadius>
      <Flex gap={4} alignItems="flex-end" wrap="wrap">
        <Field.Root name="name" required>
          <Field.Label>Name</Field.Label>
          <TextInput value={name} onChange={(e: { target: { value: string } }) => setName(e.target.value)} />
        </Field.Root>
        <Field.Root name="endpointUrl" hint="where we push (empty: we only receive)">
          <Field.Label>Endpoint URL</Field.Label>
          <TextInput
            value={endpointUrl}
            placeholder="https://partner.example/webhooks/stories"
            onChange={(e: { target: { value: string } }) => setEndpointUrl(e.target.value)}
          />
          <Field.Hint />
        </Field.Root>
        <Field.Root name="locales" hint="e.g. en, ru (empty: all)">
          <Field.Label>Locales</Field.Label>
          <TextInput value={locales} onChange={(e: { target: { value: string } }) => setLocales(e.target.value)} />
          <Field.Hint />
        </Field.Root>
        <Field.Root name="topics" hint="topic slugs (empty: all)">
          <Field.Label>Topics</Field.Label>
          <TextInput value={topics} onChange={(e: { target: { value: string } }) => setTopics(e.target.value)} />
          <Field.Hint />
        </Field.Root>
        <Button type="submit" loading={busy} disabled={name.trim() === ''}>
          Register partner
        </Button>
      </Flex>
    </Box>
  );
};
