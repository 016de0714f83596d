import { yup } from '@strapi/utils';
import { validate } from '@union-comms/kit';
import { parseDuration } from '../utils/backoff';
import { endpointProblem, validateLogQuery } from './partner';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LOCALE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** Shortest and longest feed poll interval. */
export const MIN_POLL_INTERVAL_MS = 1000;
export const MAX_POLL_INTERVAL_MS = 7 * 86_400_000;

/** A partner's inbound settings (what it sends us and how we take it), stored on the partner as `inbound`. */
export interface InboundSettings {
  /** Off: its pushes are refused (403) and its feed is not polled. */
  enabled: boolean;
  /** `draft`: an editor publishes what arrives; `publish`: published at once (a trusted partner). */
  policy: 'draft' | 'publish';
  /** `held`: an update of a copy an editor changed waits for acceptance; `frozen`: no update after the first import. */
  updates: 'held' | 'frozen';
  /** RSS 2.0, Atom 1.0 or JSON Feed 1.1 to poll; null: pushes only. */
  feedUrl: string | null;
  /** How often the feed is polled, as a duration (`30s`, `15m`, `1h`; `parseDuration` of utils/backoff). */
  pollInterval: string;
  /** Locale codes taken; empty: every locale we have enabled. */
  locales: string[];
  /** The partner's topic slug → ours; topics not in it map by equal slug. */
  topicMap: Record<string, string>;
}

export const DEFAULT_INBOUND: InboundSettings = {
  enabled: false,
  policy: 'draft',
  updates: 'held',
  feedUrl: null,
  pollInterval: '15m',
  locales: [],
  topicMap: {},
};

/** The stored value read back (a partner from before inbound settings existed has none). */
export const inboundOf = (stored: unknown): InboundSettings => {
  const value = typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Partial<InboundSettings>) : {};
  return { ...DEFAULT_INBOUND, ...value, locales: Array.isArray(value.locales) ? value.locales : [], topicMap: value.topicMap ?? {} };
};

export const pollIntervalMs = (settings: InboundSettings): number => parseDuration(settings.pollInterval);

const topicMapTest = (value: unknown): string | null => {
  if (value === undefined) return null;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'topicMap must be an object of topic slugs';
  const entries = Object.entries(value);
  if (entries.length > 200) return 'topicMap has more than 200 entries';
  for (const [theirs, ours] of entries) {
    if (theirs.length === 0 || theirs.length > 200) return "topicMap keys must be the partner's topic slugs (1 to 200 characters)";
    if (typeof ours !== 'string' || !SLUG.test(ours)) return `topicMap["${theirs}"] must be one of our topic slugs`;
  }
  return null;
};

/** The `inbound` object of a partner create or PATCH: every key optional, unknown keys refused. */
export const inboundSchema = (allowHttp: boolean) =>
  yup
    .object({
      enabled: yup.boolean().strict(),
      policy: yup.string().strict().oneOf(['draft', 'publish'], 'inbound.policy must be draft or publish'),
      updates: yup.string().strict().oneOf(['held', 'frozen'], 'inbound.updates must be held or frozen'),
      feedUrl: yup
        .string()
        .strict()
        .nullable()
        .max(2048)
        .test('feed-url', 'inbound.feedUrl is not acceptable', function check(value) {
          if (value === undefined || value === null) return true;
          const problem = endpointProblem(value, allowHttp);
          return problem === null ? true : this.createError({ message: problem.replace('endpointUrl', 'inbound.feedUrl') });
        }),
      pollInterval: yup
        .string()
        .strict()
        .test('duration', 'inbound.pollInterval must be a duration from 1s to 7d (e.g. 30s, 15m, 1h)', (value) => {
          if (value === undefined) return true;
          try {
            const ms = parseDuration(value);
            return ms >= MIN_POLL_INTERVAL_MS && ms <= MAX_POLL_INTERVAL_MS;
          } catch {
            return false;
          }
        }),
      locales: yup.array().strict().of(yup.string().strict().required().matches(LOCALE, 'inbound.locales must be locale codes')).max(20),
      topicMap: yup.mixed().test('topic-map', 'inbound.topicMap is not acceptable', function check(value) {
        const problem = topicMapTest(value);
        return problem === null ? true : this.createError({ message: problem });
      }),
    })
    .noUnknown(true, 'Unknown field(s) in inbound: ${unknown}')
    .strict()
    .default(undefined);

export type InboundInput = Partial<InboundSettings>;

/** `PUT /partners/:id/inbound-secret`: `{ "secret": "whsec_…" }`, the partner's own Standard Webhooks secret. */
export const validateInboundSecret = async (body: unknown): Promise<string> => {
  const parsed = (await validate(
    yup
      .object({
        secret: yup
          .string()
          .strict()
          .required('secret is required')
          .max(200)
          .matches(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, 'secret must be a Standard Webhooks secret: whsec_ followed by base64 of 24 to 64 bytes')
          .test('bytes', 'secret must be whsec_ followed by base64 of 24 to 64 bytes', (value) => {
            if (!value) return true;
            const bytes = Buffer.from(value.slice('whsec_'.length), 'base64').length;
            return bytes >= 24 && bytes <= 64;
          }),
      })
      .noUnknown(true, 'Unknown field(s): ${unknown}')
      .strict()
      .required('a JSON body is required'),
    body,
  )) as { secret: string };
  return parsed.secret;
};

/** `?limit=` and `?outcome=` of the received log. */
export const OUTCOMES = ['created', 'updated', 'pending', 'unpublished', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const validateReceivedQuery = (query: unknown): { limit: number; outcome: Outcome | null } => {
  const { limit, filter } = validateLogQuery(query, 'outcome', OUTCOMES);
  return { limit, outcome: filter };
};
