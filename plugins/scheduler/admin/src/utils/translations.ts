import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';

/** The admin i18n id of one of the plugin's strings (translations/<locale>.json has it without the prefix). */
export const getTranslation = (id: string): string => `${PLUGIN_ID}.${id}`;

export type Translate = (id: string, defaultMessage: string, values?: Record<string, string | number>) => string;

/** `t(id, defaultMessage, values)`: the admin's `formatMessage` on the plugin's ids, in the editor's language. */
export const useTranslate = (): Translate => {
  const { formatMessage } = useIntl();
  return useCallback<Translate>((id, defaultMessage, values) => formatMessage({ id: getTranslation(id), defaultMessage }, values), [formatMessage]);
};
