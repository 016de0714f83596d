import type { Core } from '@strapi/strapi';
import { http } from './strapi';

/**
 * An admin JWT as the admin panel gets it: an administrator with the role given (by default a
 * super administrator) is created and signs in through the admin API, as an editor would.
 */
export const adminToken = async (strapi: Core.Strapi, roleCode = 'strapi-super-admin'): Promise<string> => {
  const role = (await strapi.db.query('admin::role').findOne({ where: { code: roleCode } })) as { id: number } | null;
  if (!role) throw new Error(`no admin role ${roleCode}`);
  const email = `editor-${Math.random().toString(36).slice(2)}@example.org`;
  const password = 'Editor-password-1';
  await strapi.service('admin::user').create({
    email,
    password,
    firstname: 'Test',
    lastname: 'Editor',
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  const res = await http(strapi).post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { data: { token: string } }).data.token;
};
