import { factories, type Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

const UID = 'api::participant.participant';

/** The condition that alone lets a participant appear publicly. */
const CONSENTED = { publicConsent: true } as const;

/**
 * The core controller's helpers (validateQuery, sanitizeQuery, ...) are on `this`: Strapi's
 * factory makes the core controller the prototype of this one, but types them as optional.
 */
type ParticipantController = Core.CoreAPI.Controller.Base & Core.CoreAPI.Controller.Generic;

/**
 * The public sees only participants who consented. The condition is added on the server
 * before the query runs, so neither the items nor the pagination total reveal anyone else.
 */
export default factories.createCoreController<typeof UID, ParticipantController>(UID, ({ strapi }) => ({
  async find(ctx) {
    await this.validateQuery(ctx);
    const query = await this.sanitizeQuery(ctx);
    const filters = query.filters ? { $and: [query.filters, CONSENTED] } : CONSENTED;
    const { results, pagination } = await strapi.service(UID).find({ ...query, filters });
    const sanitized = await this.sanitizeOutput(results, ctx);
    return this.transformResponse(sanitized, { pagination });
  },

  async findOne(ctx) {
    await this.validateQuery(ctx);
    const query = await this.sanitizeQuery(ctx);
    const { id } = ctx.params as { id: string };
    const participant = await strapi.documents(UID).findFirst({ ...query, filters: { documentId: id, ...CONSENTED } });
    if (!participant) throw new errors.NotFoundError('Not Found');
    const sanitized = await this.sanitizeOutput(participant, ctx);
    return this.transformResponse(sanitized);
  },
}));
