import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

const ROLE = 'plugin::users-permissions.role';
const PERMISSION = 'plugin::users-permissions.permission';

/** Actions of the public feed routes (routes/content-api). */
export const PUBLIC_ACTIONS = ['rss', 'atom', 'json'].map((action) => `plugin::syndication.feeds.${action}`);

/** Grants the Public role the feed actions it lacks; idempotent, never removes anything. */
const grantPublicFeeds = async (strapi: Core.Strapi): Promise<void> => {
  const role = (await strapi.db.query(ROLE).findOne({ where: { type: 'public' }, select: ['id'] })) as { id: number } | null;
  if (!role) {
    strapi.log.warn('syndication: no Public role; feeds stay closed until it is granted their actions');
    return;
  }
  const granted = (await strapi.db.query(PERMISSION).findMany({
    where: { role: role.id, action: { $in: PUBLIC_ACTIONS } },
    select: ['action'],
  })) as Array<{ action: string }>;
  const have = new Set(granted.map((permission) => permission.action));
  for (const action of PUBLIC_ACTIONS) {
    if (!have.has(action)) await strapi.db.query(PERMISSION).create({ data: { action, role: role.id } });
  }
};

export default async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  await grantPublicFeeds(strapi);
  // Pending deliveries (also those a crashed process left) go out from now on.
  getService(strapi, 'dispatcher').start();
};
