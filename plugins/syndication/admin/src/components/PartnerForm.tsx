import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { Box, Button, Combobox, ComboboxOption, Field, Flex, MultiSelect, MultiSelectOption, TextInput, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { useTranslate } from '../utils/translations';
import type { Partner, Reference } from './api';
import { useLocales, useReferences } from './references';

export interface PartnerFormValues {
  name: string;
  /** Null: a partner we only receive from. */
  endpointUrl: string | null;
  /** The organisation's document id, or null for none. */
  organisation: string | null;
  /** Locale codes; empty: every locale. */
  locales: string[];
  /** Topic slugs; empty: every topic. */
  topics: string[];
}

type Change = { target: { value: string } };

/**
 * Registers a partner, or edits one (`partner`): name, the endpoint we push to (empty for a
 * partner we only receive from; its inbound settings are edited under Inbound), its
 * organisation, and which locales and topics it gets. The pickers send what the server stores:
 * the organisation's document id, locale codes, topic slugs.
 */
export const PartnerForm = ({
  partner,
  onSubmit,
  onCancel,
  onError,
  busy,
}: {
  partner?: Partner;
  onSubmit: (values: PartnerFormValues) => Promise<boolean>;
  onCancel?: () => void;
  onError: (message: string) => void;
  busy: boolean;
}) => {
  const { locale: interfaceLocale } = useIntl();
  const t = useTranslate();
  // Field ids differ between the registration form and each partner's edit form on one page.
  const idOf = (field: string) => `${partner ? `partner-${partner.id}` : 'new-partner'}-${field}`;

  const [name, setName] = useState(partner?.name ?? '');
  const [endpointUrl, setEndpointUrl] = useState(partner?.endpointUrl ?? '');
  const [organisation, setOrganisation] = useState<Reference | null>(partner?.organisation ? { ...partner.organisation } : null);
  const [organisationText, setOrganisationText] = useState(partner?.organisation?.name ?? '');
  const [organisationSearch, setOrganisationSearch] = useState('');
  const [locales, setLocales] = useState<string[]>(partner?.locales ?? []);
  const [topics, setTopics] = useState<string[]>(partner?.topics ?? []);

  const reportError = useCallback((message: string) => onError(message), [onError]);
  const enabledLocales = useLocales(reportError);
  // Names of topics and organisations in the editor's language when it is one of the content's.
  const namesLocale = enabledLocales === null ? null : enabledLocales.some((candidate) => candidate.code === interfaceLocale) ? interfaceLocale : undefined;
  const topicChoices = useReferences('topics', { locale: namesLocale, onError: reportError });
  const organisationMatches = useReferences('organisations', { locale: namesLocale, search: organisationSearch, onError: reportError });
  // The chosen organisation stays an option while the list shows other matches.
  // The chosen ones by name in the closed select (tags are not used: their remove buttons have no accessible name).
  const localeNames = (codes: string[] = []) => codes.map((code) => enabledLocales?.find((candidate) => candidate.code === code)?.name ?? code).join(', ');
  const topicNames = (slugs: string[] = []) => slugs.map((slug) => topicChoices?.find((candidate) => candidate.slug === slug)?.name ?? slug).join(', ');
  const organisationChoices = useMemo(() => {
    const matches = organisationMatches ?? [];
    return organisation && !matches.some((candidate) => candidate.documentId === organisation.documentId) ? [organisation, ...matches] : matches;
  }, [organisation, organisationMatches]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const endpoint = endpointUrl.trim();
    const saved = await onSubmit({
      name: name.trim(),
      endpointUrl: endpoint === '' ? null : endpoint,
      organisation: organisation?.documentId ?? null,
      locales,
      topics,
    });
    if (saved && !partner) {
      setName('');
      setEndpointUrl('');
      setOrganisation(null);
      setOrganisationText('');
      setOrganisationSearch('');
      setLocales([]);
      setTopics([]);
    }
  };

  const chooseOrganisation = (documentId: string | undefined) => {
    const chosen = organisationChoices.find((candidate) => candidate.documentId === documentId) ?? null;
    setOrganisation(chosen);
    setOrganisationText(chosen?.name ?? '');
  };

  const formLabel = partner ? t('form.edit.label', 'Edit {name}', { name: partner.name }) : t('form.create.label', 'Register a partner');

  return (
    <Box
      tag="form"
      aria-label={formLabel}
      onSubmit={(event: FormEvent) => void submit(event)}
      background="neutral0"
      padding={partner ? 0 : 6}
      paddingTop={partner ? 4 : 6}
      shadow={partner ? undefined : 'filterShadow'}
      hasRadius
    >
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="delta" tag="h2">
          {formLabel}
        </Typography>
        <Flex gap={4} alignItems="flex-start" wrap="wrap">
          <Box flex="1" minWidth="240px">
            <Field.Root id={idOf('name')} name="name" required>
              <Field.Label>{t('form.name', 'Name')}</Field.Label>
              <TextInput value={name} onChange={(e: Change) => setName(e.target.value)} />
            </Field.Root>
          </Box>
          <Box flex="2" minWidth="320px">
            <Field.Root
              id={idOf('endpointUrl')}
              name="endpointUrl"
              hint={t('form.endpointUrl.hint', 'Where we push; empty: we only receive from this partner')}
            >
              <Field.Label>{t('form.endpointUrl', 'Endpoint URL')}</Field.Label>
              <TextInput
                type="url"
                value={endpointUrl}
                placeholder="https://partner.example/webhooks/stories"
                onChange={(e: Change) => setEndpointUrl(e.target.value)}
              />
              <Field.Hint />
            </Field.Root>
          </Box>
        </Flex>
        <Flex gap={4} alignItems="flex-start" wrap="wrap">
          <Box flex="1" minWidth="240px">
            <Field.Root id={idOf('organisation')} name="organisation" hint={t('form.organisation.hint', 'Type part of its name, acronym or slug')}>
              <Field.Label>{t('form.organisation', 'Organisation')}</Field.Label>
              <Combobox
                autocomplete="none"
                value={organisation?.documentId ?? ''}
                textValue={organisationText}
                onTextValueChange={setOrganisationText}
                onInputChange={(event) => setOrganisationSearch(event.currentTarget.value)}
                onChange={chooseOrganisation}
                onClear={() => chooseOrganisation(undefined)}
                clearLabel={t('form.organisation.clear', 'No organisation')}
                loading={organisationMatches === null}
                loadingMessage={t('loading', 'Loading…')}
                noOptionsMessage={() => t('form.organisation.none', 'No organisation matches')}
                placeholder={t('form.organisation.placeholder', 'None')}
              >
                {organisationChoices.map((candidate) => (
                  <ComboboxOption key={candidate.documentId} value={candidate.documentId} textValue={candidate.name}>
                    {candidate.name} ({candidate.slug})
                  </ComboboxOption>
                ))}
              </Combobox>
              <Field.Hint />
            </Field.Root>
          </Box>
          <Box flex="1" minWidth="240px">
            <Field.Root id={idOf('locales')} name="locales" hint={t('form.locales.hint', 'None chosen: every locale')}>
              <Field.Label>{t('form.locales', 'Locales')}</Field.Label>
              <MultiSelect
                value={locales}
                onChange={setLocales}
                onClear={() => setLocales([])}
                clearLabel={t('form.locales.clear', 'Every locale')}
                placeholder={t('form.locales.placeholder', 'Every locale')}
                loading={enabledLocales === null}
                customizeContent={localeNames}
              >
                {(enabledLocales ?? []).map((candidate) => (
                  <MultiSelectOption key={candidate.code} value={candidate.code} textValue={candidate.name}>
                    {candidate.name}
                  </MultiSelectOption>
                ))}
                {/* A locale chosen earlier and since removed from i18n stays visible, so that it can be taken out. */}
                {locales
                  .filter((code) => enabledLocales !== null && !enabledLocales.some((candidate) => candidate.code === code))
                  .map((code) => (
                    <MultiSelectOption key={code} value={code} textValue={code}>
                      {code}
                    </MultiSelectOption>
                  ))}
              </MultiSelect>
              <Field.Hint />
            </Field.Root>
          </Box>
          <Box flex="1" minWidth="240px">
            <Field.Root id={idOf('topics')} name="topics" hint={t('form.topics.hint', 'None chosen: every topic')}>
              <Field.Label>{t('form.topics', 'Topics')}</Field.Label>
              <MultiSelect
                value={topics}
                onChange={setTopics}
                onClear={() => setTopics([])}
                clearLabel={t('form.topics.clear', 'Every topic')}
                placeholder={t('form.topics.placeholder', 'Every topic')}
                loading={topicChoices === null}
                customizeContent={topicNames}
              >
                {(topicChoices ?? []).map((candidate) => (
                  <MultiSelectOption key={candidate.slug} value={candidate.slug} textValue={candidate.name}>
                    {candidate.name}
                  </MultiSelectOption>
                ))}
              </MultiSelect>
              <Field.Hint />
            </Field.Root>
          </Box>
        </Flex>
        <Flex gap={2}>
          <Button type="submit" loading={busy} disabled={name.trim() === ''}>
            {partner ? t('form.edit.submit', 'Save changes') : t('form.create.submit', 'Register partner')}
          </Button>
          {onCancel && (
            <Button variant="tertiary" onClick={onCancel}>
              {t('form.cancel', 'Cancel')}
            </Button>
          )}
        </Flex>
      </Flex>
    </Box>
  );
};
