import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { MAX_PAGE_SIZE } from '../../config/api';

type Resolve = (parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;

const fail = (message: string): never => {
  throw new errors.ValidationError(message);
};

/**
 * The GraphQL counterpart of the REST query guard, for every query of the app's types:
 * - drafts are never public: Strapi's GraphQL accepts `status: DRAFT` from any client with
 *   read permission, so anything but PUBLISHED is refused;
 * - a page larger than the cap is refused rather than silently shortened.
 */
const guard = (next: Resolve, parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => {
  if (args.status !== undefined && args.status !== null && String(args.status).toLowerCase() !== 'published') {
    fail('Only published content is served: drop the status argument or set it to PUBLISHED');
  }
  const pagination = args.pagination as Record<string, unknown> | undefined;
  for (const key of ['pageSize', 'limit']) {
    const size = pagination?.[key];
    if (size !== undefined && size !== null && (typeof size !== 'number' || size < 1 || size > MAX_PAGE_SIZE)) {
      fail(`pagination.${key} must be an integer from 1 to ${MAX_PAGE_SIZE}`);
    }
  }
  return next(parent, args, context, info);
};

export const registerGraphqlQueryGuard = (strapi: Core.Strapi): void => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const resolversConfig: Record<string, { middlewares: Array<typeof guard> }> = {};
  for (const contentType of Object.values(strapi.contentTypes)) {
    if (!contentType.uid.startsWith('api::')) continue;
    const { singularName, pluralName } = contentType.info;
    for (const field of [singularName, pluralName, `${pluralName}_connection`]) {
      resolversConfig[`Query.${field}`] = { middlewares: [guard] };
    }
  }
  graphql.service('extension').use(() => ({ resolversConfig }));
};
