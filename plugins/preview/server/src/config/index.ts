import { env, yup } from '@strapi/utils';
import { CONTENT_TYPE_KEYS, type ContentTypesConfig } from './content-types';

export type PreviewConfig = {
  /**
   * The website's page for a version (PREVIEW_URL), a template with `{type}` (stories, events,
   * guides), `{locale}`, `{slug}`, `{documentId}` and `{status}`; the preview token is added as
   * the `token` query parameter. Empty: the admin shows the plugin's own page.
   */
  url: string;
  /**
   * HMAC-SHA256 key of the preview tokens (PREVIEW_SECRET), at least 32 characters. Required
   * with `url` (the website checks tokens with it). Empty without `url`: a key derived from the
   * app's APP_KEYS, the same on every instance and never shown to anyone.
   */
  secret: string;
  /** How long a preview link works, in seconds (the admin asks for a new one each time it opens the preview). */
  tokenTtlSeconds: number;
  /** The app's types (uids), named by the host app: no defaults. Checked at boot (config/content-types). */
  contentTypes: ContentTypesConfig;
};

export const defaultConfig = (): Omit<PreviewConfig, 'contentTypes'> => ({
  url: env('PREVIEW_URL', ''),
  secret: env('PREVIEW_SECRET', ''),
  // Long enough to read and click around a draft, short enough that a leaked link soon stops working.
  tokenTtlSeconds: 1800,
});

const isTemplateUrl = (value: string | undefined): boolean => {
  if (!value) return true;
  try {
    const url = new URL(value.replace(/\{(type|locale|slug|documentId|status)\}/g, 'x'));
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

const configSchema = yup
  .object({
    url: yup.string().defined().test('url', 'url (PREVIEW_URL) must be an absolute http(s) URL template', isTemplateUrl),
    secret: yup
      .string()
      .defined()
      .test('secret', 'secret (PREVIEW_SECRET) must be at least 32 characters', (value) => !value || value.length >= 32)
      .when('url', {
        is: (url: string) => Boolean(url),
        then: (schema) => schema.required('secret (PREVIEW_SECRET) is required with url (PREVIEW_URL): the website checks preview tokens with it'),
      }),
    tokenTtlSeconds: yup.number().integer().min(60).max(86400).required(),
    contentTypes: yup
      .object(Object.fromEntries(CONTENT_TYPE_KEYS.map((key) => [key, yup.string().required(`contentTypes.${key} is required (a content-type uid)`)])))
      .noUnknown()
      .required('contentTypes is required: the uids of the story, event and guide types'),
  })
  .noUnknown();

export default {
  default: defaultConfig,
  validator(config: unknown) {
    configSchema.validateSync(config, { strict: true, abortEarly: false });
  },
};
