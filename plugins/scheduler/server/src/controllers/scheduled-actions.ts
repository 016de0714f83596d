import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';
import { validateCreate, validateId, validateList } from '../validation/scheduled-action';
import type { Actor } from '../services/scheduled-actions';

/** The signed-in admin (the admin routes' policies let only one through). */
const actorOf = (ctx: Context): Actor => {
  const state = ctx.state as { user?: { id: number }; userAbility?: unknown };
  return { id: Number(state.user?.id), userAbility: state.userAbility };
};

/** Admin API of scheduled actions: thin, the service checks and writes. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const query = validateList(ctx.query);
    const { data, pagination } = await getService(strapi, 'scheduled-actions').list(query, actorOf(ctx));
    ctx.body = { data, meta: { pagination } };
  },

  async create(ctx: Context) {
    const input = validateCreate((ctx.request as { body?: unknown }).body);
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'scheduled-actions').create(input, actorOf(ctx)) };
  },

  /** POST /actions/:id/cancellation: a pending action will not run. */
  async createCancellation(ctx: Context) {
    const id = validateId(ctx.params.id);
    ctx.body = { data: await getService(strapi, 'scheduled-actions').cancel(id, actorOf(ctx)) };
  },

  /** The types editors may schedule (the edit view shows its panel for these only). */
  async findContentTypes(ctx: Context) {
    ctx.body = { data: getService(strapi, 'scheduled-actions').targets() };
  },
});
