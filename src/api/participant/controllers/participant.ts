import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';

const UID = 'api::participant.participant';

/** The core controller helpers this controller relies on (typed as optional by Strapi). */
type CoreHelpers = {
  validateQuery(ctx: unknown): Promise<void>;
  sanitizeQuery(ctx: unknown): Promise<Record<string, unknown>>;
  sanitizeOutput(data: unknown, ctx: unknown): Promise<unknown>;
  transformResponse(data: unknown, meta?: Record<string, unknown>): unknown;
};

/** The condition that alone lets a participant appear publicly. */
const CONSENTED = { publicConsent: true } as const;

/**
 * The public sees only participants who consented. The condition is added on the server
 * before the query runs, so neither the items nor the pagination total reveal anyone else.
 */
export default factories.createCoreController(UID, ({ strapi }) => ({
  async find(ctx) {
    const core = this as unknown as CoreHelpers;
    await core.validateQuery(ctx);
    const query = await core.sanitizeQuery(ctx);
    const filters = query.filters ? { $and: [query.filters, CONSENTED] } : CONSENTED;
    const { results, pagination } = await strapi.service(UID).find({ ...query, filters });
    const sanitized = await core.sanitizeOutput(results, ctx);
    return core.transformResponse(sanitized, { pagination });
  },

  async findOne(ctx) {
    const core = this as unknown as CoreHelpers;
    await core.validateQuery(ctx);
    const query = await core.sanitizeQuery(ctx);
    const { id } = ctx.params as { id: string };
    const participant = await strapi.documents(UID).findFirst({ ...query, filters: { documentId: id, ...CONSENTED } });
    if (!participant) throw new errors.NotFoundError('Not Found');
    const sanitized = await core.sanitizeOutput(participant, ctx);
    return core.transformResponse(sanitized);
  },
}));
