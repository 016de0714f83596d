import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { WEBSUB_DELIVERY, WEBSUB_SUBSCRIPTION, WEBSUB_TOPIC } from '../content-types';

const READS = new Set(['findMany', 'findFirst', 'findOne', 'count']);
const GUARDED = new Set<string>([WEBSUB_SUBSCRIPTION, WEBSUB_TOPIC, WEBSUB_DELIVERY]);

const withoutSecret = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutSecret);
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) if (key !== 'secret') copy[key] = key === 'results' || key === 'entries' ? withoutSecret(child) : child;
    return copy;
  }
  return value;
};

/**
 * The hub's subscriptions, topics and deliveries change only through its services (the query
 * engine): a subscription exists only after a verified intent, and the queue belongs to the
 * worker. The document service (the Content Manager's API, the content API, GraphQL) may read
 * them, never a subscriber's `hub.secret`, and may not write them.
 */
export const registerWebsubGuard = (strapi: Core.Strapi): void => {
  strapi.documents.use(async (context, next) => {
    const { uid, action } = context;
    if (!GUARDED.has(uid)) return next();
    if (!READS.has(action)) throw new errors.ForbiddenError('WebSub subscriptions are made through the hub and removed on the Syndication page');
    const result = await next();
    return uid === WEBSUB_SUBSCRIPTION ? (withoutSecret(result) as typeof result) : result;
  });
};
