import type { Core } from '@strapi/strapi';
import { PUBLIC_READ_TYPES } from '../domain/uids';

const ROLE = 'plugin::users-permissions.role';
const PERMISSION = 'plugin::users-permissions.permission';

/**
 * Grants actions to a users-permissions role (by type: "public", "authenticated") if it
 * lacks them. Idempotent, and never removes what an administrator granted by hand.
 */
export const grantRoleActions = async (strapi: Core.Strapi, roleType: string, actions: string[]): Promise<void> => {
  const role = await strapi.db.query(ROLE).findOne({ where: { type: roleType } });
  if (!role) throw new Error(`users-permissions role "${roleType}" not found`);
  const granted = await strapi.db.query(PERMISSION).findMany({ where: { role: role.id, action: { $in: actions } } });
  const have = new Set(granted.map((permission: { action: string }) => permission.action));
  for (const action of actions) {
    if (!have.has(action)) {
      await strapi.db.query(PERMISSION).create({ data: { action, role: role.id } });
    }
  }
};

/**
 * The Public role reads published content: find and findOne on every public type, and on
 * uploaded files, so that covers and logos can be populated.
 */
export const ensurePublicReadPermissions = (strapi: Core.Strapi): Promise<void> =>
  grantRoleActions(strapi, 'public', [
    ...PUBLIC_READ_TYPES.flatMap((uid) => [`${uid}.find`, `${uid}.findOne`]),
    'plugin::upload.content-api.find',
    'plugin::upload.content-api.findOne',
  ]);
