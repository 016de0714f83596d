import { yup } from '@strapi/utils';
import { validate } from '@union-comms/kit';

/** Largest feed a client may ask for, and what it gets when it does not say. */
export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 50;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LOCALE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** The filters of a feed or of the GraphQL query, once validated. */
export interface FeedQuery {
  /** Undefined means the default locale. */
  locale?: string;
  topic?: string;
  organisation?: string;
  limit: number;
}

/**
 * Query strings arrive as strings (or arrays and objects, from `a=1&a=2` or `a[b]=1`):
 * strict mode refuses everything that is not a single string, and noUnknown any other key.
 */
const querySchema = yup
  .object({
    locale: yup.string().strict().matches(LOCALE, 'locale must be a locale code'),
    topic: yup.string().strict().max(200).matches(SLUG, 'topic must be a slug'),
    organisation: yup.string().strict().max(200).matches(SLUG, 'organisation must be a slug'),
    limit: yup
      .string()
      .strict()
      .matches(/^[0-9]{1,3}$/, `limit must be an integer from 1 to ${MAX_LIMIT}`)
      .test('range', `limit must be an integer from 1 to ${MAX_LIMIT}`, (value) => {
        if (value === undefined) return true;
        const n = Number(value);
        return n >= 1 && n <= MAX_LIMIT;
      }),
  })
  .noUnknown(true, 'Unknown query parameter(s): ${unknown}')
  .strict();

/** Validates a feed URL's query string before any work; a 400 otherwise. */
export const validateFeedQuery = async (query: unknown): Promise<FeedQuery> => {
  const parsed = await validate(querySchema, query ?? {});
  return {
    locale: parsed.locale,
    topic: parsed.topic,
    organisation: parsed.organisation,
    limit: parsed.limit === undefined ? DEFAULT_LIMIT : Number(parsed.limit),
  };
};

/** The same rules for GraphQL arguments, which arrive typed (limit as an Int). */
export const validateGraphqlArgs = async (args: {
  locale?: string | null;
  topic?: string | null;
  organisation?: string | null;
  limit?: number | null;
}): Promise<FeedQuery> =>
  validateFeedQuery({
    ...(args.locale != null && { locale: args.locale }),
    ...(args.topic != null && { topic: args.topic }),
    ...(args.organisation != null && { organisation: args.organisation }),
    ...(args.limit != null && { limit: Number.isInteger(args.limit) ? String(args.limit) : 'not-an-integer' }),
  });
