import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DELIVERY, DELIVERY_ATTEMPT, FEED_STATE, INBOUND_MESSAGE, PARTNER, RECEIVED_ITEM, RECEIVED_LOG } from '../content-types';

const READS = new Set(['findMany', 'findFirst', 'findOne', 'count']);
const GUARDED = new Set([PARTNER, DELIVERY, DELIVERY_ATTEMPT, FEED_STATE, INBOUND_MESSAGE, RECEIVED_ITEM, RECEIVED_LOG]);

const withoutSecret = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutSecret);
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value))
      if (key !== 'secret' && key !== 'inboundSecret') copy[key] = key === 'results' || key === 'entries' ? withoutSecret(child) : child;
    return copy;
  }
  return value;
};

/**
 * Partners, deliveries and attempts are changed only through the plugin's services (which use
 * the query engine). The document service, which the Content Manager, the content API and
 * GraphQL go through, may read them but never sees a partner's secrets, and may not write them:
 * a secret must be generated, and the queue's state belongs to the dispatcher.
 */
export const registerPartnerGuard = (strapi: Core.Strapi): void => {
  strapi.documents.use(async (context, next) => {
    const { uid, action } = context;
    if (!GUARDED.has(uid)) return next();
    if (!READS.has(action)) throw new errors.ForbiddenError('Syndication partners and deliveries are managed on the Syndication page');
    const result = await next();
    return uid === PARTNER ? (withoutSecret(result) as typeof result) : result;
  });
};
