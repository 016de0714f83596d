import { yup } from '@strapi/utils';
import { TYPE_KEYS, type TypeKey } from './content-types';

export type SearchConfig = {
  /**
   * The app's content types to index, by key (uids such as `api::story.story`), named by the
   * host app: no defaults. Each key is a value of the `types` parameter and a hit's `type`.
   */
  contentTypes: Partial<Record<TypeKey, string>>;
};

const configSchema = yup
  .object({
    contentTypes: yup
      .object(Object.fromEntries(TYPE_KEYS.map((key) => [key, yup.string().min(1)])))
      .noUnknown(true, `contentTypes takes the keys ${TYPE_KEYS.join(', ')}; unknown: \${unknown}`)
      .test('some', 'contentTypes names no content type', (value) => !!value && Object.keys(value).length > 0)
      .required('contentTypes is required: the uids of the types to index (story, event, guide, organisation)'),
  })
  .noUnknown();

export default {
  default: {},
  validator(config: unknown) {
    configSchema.validateSync(config, { strict: true, abortEarly: false });
  },
};
