import { yup } from '@strapi/utils';
import { invalid, validateSync } from '@union-comms/kit';

const STATUSES = ['pending', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof STATUSES)[number];
export type JobAction = 'publish' | 'unpublish';

/** An ISO 8601 instant: a date and time with seconds optional and an explicit offset or Z. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export interface CreateInput {
  uid: string;
  documentId: string;
  locale?: string;
  action: JobAction;
  runAt?: string;
  localTime?: string;
  timeZone?: string;
}

const createSchema = yup
  .object({
    uid: yup.string().required().max(255),
    documentId: yup.string().required().max(64),
    locale: yup.string().max(32),
    action: yup.string().oneOf(['publish', 'unpublish']).required(),
    runAt: yup
      .string()
      .matches(INSTANT, 'runAt must be an ISO 8601 instant with an offset, e.g. 2027-03-01T03:00:00Z')
      .test('date', 'runAt is not a real date and time', (value) => value === undefined || !Number.isNaN(Date.parse(value))),
    localTime: yup.string().matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "localTime must be 'YYYY-MM-DDTHH:mm' (the wall clock in timeZone)"),
    timeZone: yup.string().max(64),
  })
  .noUnknown(true, 'Unknown field: ${unknown}')
  .test('one-time', 'Give either runAt or localTime with timeZone', (value) => (value.runAt === undefined) !== (value.localTime === undefined))
  .test('zone-with-local', 'localTime needs the timeZone it is read in', (value) => value.localTime === undefined || value.timeZone !== undefined);

/** POST /actions body; refuses unknown keys and wrong types before any work. */
export const validateCreate = (body: unknown): CreateInput => {
  const input = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
  // oneOf has checked the action; yup types it as any string.
  return validateSync(createSchema, input, { strict: true }) as CreateInput;
};

export interface ListQuery {
  uid?: string;
  documentId?: string;
  locale?: string;
  status?: JobStatus;
  page: number;
  pageSize: number;
}

const listSchema = yup.object({
  uid: yup.string().max(255),
  documentId: yup.string().max(64),
  locale: yup.string().max(32),
  status: yup.string().oneOf([...STATUSES]),
  page: yup.number().integer().min(1).default(1),
  pageSize: yup.number().integer().min(1).max(100).default(25),
});

const LIST_KEYS = new Set(Object.keys(listSchema.fields));

/**
 * GET /actions query string. The numbers arrive as text, so yup converts (not strict), and a
 * converting yup drops unknown keys instead of refusing them: they are refused first.
 */
export const validateList = (query: unknown): ListQuery => {
  const input = typeof query === 'object' && query !== null ? query : {};
  const unknown = Object.keys(input).filter((key) => !LIST_KEYS.has(key));
  if (unknown.length > 0) return invalid(`Unknown query parameter: ${unknown.join(', ')}`, [unknown[0]]);
  return validateSync(listSchema, input) as ListQuery;
};

const idSchema = yup.number().integer().min(1).required().typeError('id must be a positive integer');

export const validateId = (id: unknown): number => validateSync(idSchema, id);
