import { yup } from '@strapi/utils';
import { CONTENT_TYPE_KEYS, type ContentTypesConfig } from './content-types';

export type StructuredDataConfig = {
  /** Cache-Control max-age of the public responses, in seconds. */
  maxAge: number;
  /**
   * The app's content types the plugin reads (uids such as `api::story.story`), named by the
   * host app: no defaults. Checked at boot for the attributes listed in config/content-types.
   */
  contentTypes: ContentTypesConfig;
};

export const defaultConfig = (): Omit<StructuredDataConfig, 'contentTypes'> => ({
  maxAge: 300,
});

const configSchema = yup
  .object({
    maxAge: yup.number().integer().min(0).required(),
    contentTypes: yup
      .object(Object.fromEntries(CONTENT_TYPE_KEYS.map((key) => [key, yup.string().required(`contentTypes.${key} is required (a content-type uid)`)])))
      .noUnknown()
      .required('contentTypes is required: the uids of the story, guide, organisation and topic types'),
  })
  .noUnknown();

export default {
  default: defaultConfig,
  validator(config: unknown) {
    configSchema.validateSync(config, { strict: true, abortEarly: false });
  },
};
