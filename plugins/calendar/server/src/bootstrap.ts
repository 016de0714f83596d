import type { Core } from '@strapi/strapi';

const ROLE = 'plugin::users-permissions.role';
const PERMISSION = 'plugin::users-permissions.permission';

/** Every public route's action (routes/content-api). */
export const PUBLIC_ACTIONS = ['calendar', 'calendarEntry', 'find', 'jsonLd', 'participants'].map(
  (action) => `plugin::calendar.events.${action}`
);

/** Adds the actions a role lacks; never removes any. */
const grant = async (strapi: Core.Strapi, roleType: string, actions: string[]) => {
  const role = (await strapi.db.query(ROLE).findOne({ where: { type: roleType } })) as { id: number } | null;
  if (!role) return;
  const granted = (await strapi.db.query(PERMISSION).findMany({
    where: { role: role.id, action: { $in: actions } },
  })) as Array<{ action: string }>;
  const have = new Set(granted.map((permission) => permission.action));
  for (const action of actions) {
    if (!have.has(action)) await strapi.db.query(PERMISSION).create({ data: { action, role: role.id } });
  }
};

/**
 * Lets anonymous clients (calendar apps, websites, search engines) and signed-in users read
 * the calendar. Done once per database, remembered in the plugin store, so that an
 * administrator who later revokes an action in the admin panel is not overruled at the next boot.
 */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  const store = strapi.store({ type: 'plugin', name: 'calendar' });
  const key = 'public-permissions-granted';
  if (await store.get({ key })) return;
  await grant(strapi, 'public', PUBLIC_ACTIONS);
  await grant(strapi, 'authenticated', PUBLIC_ACTIONS);
  await store.set({ key, value: true });
};
