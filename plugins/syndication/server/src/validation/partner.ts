import { errors, yup } from '@strapi/utils';
import { invalid, validate, validationError, type Problem } from '@union-comms/kit';
import type { DeliveryStatus } from '../utils/types';
import { inboundSchema, type InboundInput } from './inbound';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LOCALE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const DOCUMENT_ID = /^[a-z0-9]{10,64}$/;

export interface PartnerCreateInput {
  name: string;
  /** Absent or null: an inbound-only partner, to which nothing is pushed. */
  endpointUrl?: string | null;
  organisation?: string | null;
  locales?: string[];
  topics?: string[];
  status?: 'active' | 'paused';
  inbound?: InboundInput;
  forwardReceived?: boolean;
}

export type PartnerUpdateInput = Partial<PartnerCreateInput>;

/**
 * A partner endpoint: an absolute https URL (http only when `push.allowHttp` is set), without
 * credentials or fragment. Where it resolves to is checked when connecting (utils/ssrf).
 */
export const endpointProblem = (value: string, allowHttp: boolean): string | null => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'endpointUrl must be an absolute URL';
  }
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) {
    return allowHttp ? 'endpointUrl must be an http or https URL' : 'endpointUrl must be an https URL';
  }
  if (url.username || url.password) return 'endpointUrl must not contain credentials';
  if (url.hash) return 'endpointUrl must not contain a fragment';
  return null;
};

const fields = (allowHttp: boolean) => ({
  name: yup.string().strict().trim().min(1).max(200),
  endpointUrl: yup
    .string()
    .strict()
    .nullable()
    .max(2048)
    .test('endpoint', 'endpointUrl is not acceptable', function check(value) {
      if (value === undefined || value === null) return true;
      const problem = endpointProblem(value, allowHttp);
      return problem === null ? true : this.createError({ message: problem });
    }),
  organisation: yup.string().strict().matches(DOCUMENT_ID, 'organisation must be a document id').nullable(),
  locales: yup.array().strict().of(yup.string().strict().required().matches(LOCALE, 'locales must be locale codes')).max(20),
  topics: yup.array().strict().of(yup.string().strict().required().max(200).matches(SLUG, 'topics must be topic slugs')).max(100),
  status: yup.string().strict().oneOf(['active', 'paused'], 'status must be active or paused'),
  inbound: inboundSchema(allowHttp),
  forwardReceived: yup.boolean().strict(),
});

const objectOf = (shape: ReturnType<typeof fields>, required: boolean) => {
  const base = required ? { ...shape, name: shape.name.required('name is required') } : shape;
  return yup.object(base).noUnknown(true, 'Unknown field(s): ${unknown}').strict();
};

export const validatePartnerCreate = async (body: unknown, allowHttp: boolean): Promise<PartnerCreateInput> =>
  (await validate(objectOf(fields(allowHttp), true).required('a JSON body is required'), body)) as PartnerCreateInput;

export const validatePartnerUpdate = async (body: unknown, allowHttp: boolean): Promise<PartnerUpdateInput> => {
  const parsed = (await validate(objectOf(fields(allowHttp), false).required('a JSON body is required'), body)) as PartnerUpdateInput;
  if (Object.keys(parsed).length === 0) invalid('Nothing to change');
  return parsed;
};

/** `:id` path parameters: positive integers. */
export const validateId = (value: unknown): number => {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,15}$/.test(value)) throw new errors.NotFoundError('Not found');
  return Number(value);
};

const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'succeeded', 'failed'];

/**
 * `?limit=&<filter>=` of an admin log list (a partner's deliveries by status, its received log by
 * outcome): limit 1–100 (20 by default), the filter one of `values` or absent, nothing else.
 */
export const validateLogQuery = <V extends string>(query: unknown, filter: string, values: readonly V[]): { limit: number; filter: V | null } => {
  const record = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const problems: Problem[] = [];
  const unknown = Object.keys(record).filter((key) => key !== 'limit' && key !== filter);
  if (unknown.length > 0) problems.push({ path: [], message: `Unknown query parameter(s): ${unknown.join(', ')}` });
  let limit = 20;
  if (record.limit !== undefined) {
    if (typeof record.limit !== 'string' || !/^[0-9]{1,3}$/.test(record.limit) || Number(record.limit) < 1 || Number(record.limit) > 100) {
      problems.push({ path: ['limit'], message: 'limit must be an integer from 1 to 100' });
    } else limit = Number(record.limit);
  }
  let found: V | null = null;
  if (record[filter] !== undefined) {
    found = values.find((candidate) => candidate === record[filter]) ?? null;
    if (!found) problems.push({ path: [filter], message: `${filter} must be one of ${values.join(', ')}` });
  }
  if (problems.length > 0) throw validationError(problems);
  return { limit, filter: found };
};

/** `?limit=&status=` of a deliveries list: the admin page filters a partner's deliveries by outcome. */
export const validateDeliveriesQuery = (query: unknown): { limit: number; status: DeliveryStatus | null } => {
  const { limit, filter } = validateLogQuery(query, 'status', DELIVERY_STATUSES);
  return { limit, status: filter };
};
