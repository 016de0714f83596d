import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';
import { referenceKind, validateReferenceQuery } from '../validation/references';

/** Topics are few and a multi-select shows them all; organisations are many and searched as typed. */
const DEFAULT_LIMIT = { organisations: 20, topics: 200 } as const;

/** Admin API of what a partner's settings may name: the pickers of the admin page. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /references/organisations?q=fp&locale=ru, GET /references/topics?locale=ru */
  async find(ctx: Context) {
    const kind = referenceKind(ctx.params.kind);
    if (!kind) throw new errors.NotFoundError('Not found');
    const query = validateReferenceQuery(ctx.query, DEFAULT_LIMIT[kind]);
    ctx.body = { data: await getService(strapi, 'references').list(kind, query) };
  },
});
