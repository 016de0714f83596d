import type { Core } from '@strapi/strapi';

const ROLE = 'plugin::users-permissions.role';
const PERMISSION = 'plugin::users-permissions.permission';

/** The users-permissions roles that read public content: visitors and signed-in members. */
export const READER_ROLES = ['public', 'authenticated'] as const;

/** Adds the actions a users-permissions role (by type) lacks; never removes any. */
const addMissingActions = async (strapi: Core.Strapi, roleType: string, actions: string[]): Promise<void> => {
  const role = (await strapi.db.query(ROLE).findOne({ where: { type: roleType }, select: ['id'] })) as { id: number } | null;
  if (!role) throw new Error(`users-permissions role "${roleType}" not found`);
  const granted = (await strapi.db.query(PERMISSION).findMany({
    where: { role: role.id, action: { $in: actions } },
    select: ['action'],
  })) as Array<{ action: string }>;
  const have = new Set(granted.map((permission) => permission.action));
  for (const action of actions) {
    if (!have.has(action)) await strapi.db.query(PERMISSION).create({ data: { action, role: role.id } });
  }
};

/**
 * Grants each action to each reader role once per database. Which actions were granted is
 * remembered in Strapi's store, so an administrator who revokes one in the admin panel is
 * not overruled at the next start, while an action that code adds later is still granted.
 * Idempotent: a second start changes nothing.
 */
export const grantReadersOnce = async (strapi: Core.Strapi, actions: string[]): Promise<void> => {
  const store = strapi.store({ type: 'core', name: 'union-comms' });
  for (const roleType of READER_ROLES) {
    const key = `granted-actions:${roleType}`;
    const done = new Set(((await store.get({ key })) as string[] | null) ?? []);
    const pending = actions.filter((action) => !done.has(action));
    if (pending.length === 0) continue;
    await addMissingActions(strapi, roleType, pending);
    await store.set({ key, value: [...done, ...pending] });
  }
};
