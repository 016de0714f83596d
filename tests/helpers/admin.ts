import type { Core } from '@strapi/strapi';
import { http } from './strapi';

/** Creates a super administrator and signs in through the admin API, as an editor would. */
export const adminJwt = async (strapi: Core.Strapi): Promise<string> => {
  const email = `editor-${Math.random().toString(36).slice(2)}@example.org`;
  const password = 'Editor-password-1';
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await strapi.service('admin::user').create({
    email,
    password,
    firstname: 'Test',
    lastname: 'Editor',
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
  const res = await http(strapi).post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token as string;
};
