import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

type Resolve = (parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;

/** Refuses any GraphQL read that asks for drafts; published versions are the default. */
const publishedOnly = (next: Resolve, parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => {
  if (args.status !== undefined && args.status !== null && String(args.status).toLowerCase() !== 'published') {
    throw new errors.ValidationError('Only published content is served: drop the status argument or set it to PUBLISHED');
  }
  return next(parent, args, context, info);
};

/**
 * Drafts are never public. Strapi's GraphQL accepts `status: DRAFT` from any client with
 * read permission, so every query of every draft-and-publish type of the app refuses it,
 * as the REST query guard does.
 */
export const registerPublishedOnlyGraphql = (strapi: Core.Strapi): void => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const resolversConfig: Record<string, { middlewares: Resolve[] | unknown[] }> = {};
  for (const contentType of Object.values(strapi.contentTypes)) {
    if (!contentType.uid.startsWith('api::') || !contentType.options?.draftAndPublish) continue;
    const { singularName, pluralName } = contentType.info;
    for (const field of [singularName, pluralName, `${pluralName}_connection`]) {
      resolversConfig[`Query.${field}`] = { middlewares: [publishedOnly] };
    }
  }
  graphql.service('extension').use(() => ({ resolversConfig }));
};
