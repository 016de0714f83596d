import type { Core } from '@strapi/strapi';

/**
 * For local use: creates the first administrator from ADMIN_EMAIL and ADMIN_PASSWORD when
 * no administrator exists yet. Without those variables the admin panel asks for sign-up.
 */
export const ensureFirstAdmin = async (strapi: Core.Strapi): Promise<void> => {
  const email = process.env.ADMIN_EMAIL;
  const password = process.env.ADMIN_PASSWORD;
  if (!email || !password) return;

  const users = strapi.service('admin::user');
  if (await users.exists()) return;

  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  if (!superAdmin) throw new Error('the Super Admin role is missing');
  await users.create({
    email,
    password,
    firstname: process.env.ADMIN_FIRSTNAME || 'Admin',
    lastname: process.env.ADMIN_LASTNAME || 'Union Comms',
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
  strapi.log.info(`Created the first administrator ${email} from ADMIN_EMAIL.`);
};
