import { yup } from '@strapi/utils';
import { TYPE_KEYS, type TypeKey } from './content-types';

export type SearchConfig = {
  /**
   * The app's content types to index, by key (uids such as `api::story.story`), named by the
   * host app: no defaults. Each key is a value of the `types` parameter and a hit's `type`.
   */
  contentTypes: Partial<Record<TypeKey, string>>;
  /**
   * At most this many matches of a query are ranked: its most recently published ones. A
   * search that matches more answers from those, says so (`meta.capped`) and costs the same
   * however large the index grows. Default 1,000.
   */
  maxHits: number;
};

/** The default of `maxHits`, and the most it may be. */
export const DEFAULT_MAX_HITS = 1000;
export const MAX_MAX_HITS = 100_000;

const configSchema = yup
  .object({
    contentTypes: yup
      .object(Object.fromEntries(TYPE_KEYS.map((key) => [key, yup.string().min(1)])))
      .noUnknown(true, `contentTypes takes the keys ${TYPE_KEYS.join(', ')}; unknown: \${unknown}`)
      .test('some', 'contentTypes names no content type', (value) => !!value && Object.keys(value).length > 0)
      .required('contentTypes is required: the uids of the types to index (story, event, guide, organisation)'),
    maxHits: yup
      .number()
      .integer('maxHits must be an integer')
      .min(1, 'maxHits must be at least 1')
      .max(MAX_MAX_HITS, `maxHits must be at most ${MAX_MAX_HITS}`),
  })
  .noUnknown();

export default {
  default: { maxHits: DEFAULT_MAX_HITS },
  validator(config: unknown) {
    configSchema.validateSync(config, { strict: true, abortEarly: false });
  },
};
