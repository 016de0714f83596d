import { yup } from '@strapi/utils';
import { validateSync } from '@union-comms/kit';

export type PageQuery = { locale?: string; status?: string; token?: string };

/**
 * The built-in page's query: the version (locale, status) and its token, nothing else. Values
 * are only checked to be single strings here; whether they name a version the token grants is
 * the token's check, which answers every mismatch alike.
 */
const schema = yup
  .object({
    locale: yup.string(),
    status: yup.string(),
    token: yup.string().max(4096),
  })
  .noUnknown(true, 'unknown query parameter(s): ${unknown}');

export const validatePageQuery = (query: unknown): PageQuery => validateSync(schema, query, { strict: true }) as PageQuery;
