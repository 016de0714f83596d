import type { Core } from '@strapi/strapi';
import { adminToken } from '../helpers/admin';
import { bootStrapi, http } from '../helpers/strapi';
import { askUntil } from '../helpers/wait';

/**
 * The permissions a request is judged by are kept between requests (src/privacy/permission-memo):
 * with the response cache off every request below reaches the permission check, so what is
 * checked here is the memo alone. A change must count from the very next request (made in this
 * process) or within the content fingerprint's TTL (made by another one).
 */

let strapi: Core.Strapi;
let teardown: () => Promise<void>;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi({ RESPONSE_CACHE_ENABLED: 'false' }));
});
afterAll(async () => teardown());

const TOPICS = '/api/topics?locale=en&fields[0]=slug';

type RoleDetail = {
  name: string;
  description: string;
  permissions: Record<string, { controllers: Record<string, Record<string, { enabled: boolean }>> }>;
};

/** Turns the Public role's `find` of topics on or off, as an administrator does in the admin panel. */
const setPublicTopicFind = async (enabled: boolean) => {
  const jwt = await adminToken(strapi);
  const roles = await http(strapi).get('/users-permissions/roles').set('Authorization', `Bearer ${jwt}`);
  const publicRole = (roles.body.roles as Array<{ id: number; type: string }>).find((role) => role.type === 'public');
  const detail = await http(strapi).get(`/users-permissions/roles/${publicRole?.id}`).set('Authorization', `Bearer ${jwt}`);
  const role = detail.body.role as RoleDetail;
  role.permissions['api::topic'].controllers.topic.find.enabled = enabled;
  const saved = await http(strapi)
    .put(`/users-permissions/roles/${publicRole?.id}`)
    .set('Authorization', `Bearer ${jwt}`)
    .send({ name: role.name, description: role.description, permissions: role.permissions });
  expect(saved.status).toBe(200);
};

it('applies a Public role change made in the admin panel to the very next request', async () => {
  expect((await http(strapi).get(TOPICS)).status).toBe(200);
  expect((await http(strapi).get(TOPICS)).status).toBe(200);
  await setPublicTopicFind(false);
  try {
    const refused = await http(strapi).get(TOPICS);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ status: 403, name: 'ForbiddenError' });
    // Other permissions of the role are untouched.
    expect((await http(strapi).get('/api/organisations?locale=en&fields[0]=slug')).status).toBe(200);
  } finally {
    await setPublicTopicFind(true);
  }
  expect((await http(strapi).get(TOPICS)).status).toBe(200);
});

it('applies a Public role change another instance wrote to the database (no event reaches this one)', async () => {
  const knex = strapi.db.connection;
  const permissions = strapi.db.metadata.get('plugin::users-permissions.permission').tableName;
  expect((await http(strapi).get(TOPICS)).status).toBe(200);
  // The Public role's own row (the Authenticated role has one for the same action).
  const publicPermissions = (await strapi.db.query('plugin::users-permissions.permission').findMany({
    where: { action: 'api::topic.topic.find', role: { type: 'public' } },
  })) as Array<{ id: number; action: string }>;
  expect(publicPermissions).toHaveLength(1);
  const [row] = publicPermissions;
  // Renaming the action takes it away from the role without touching the link table.
  await knex(permissions).where({ id: row.id }).update({ action: 'api::topic.topic.find-withdrawn', updated_at: new Date() });
  try {
    const refused = await askUntil(
      () => http(strapi).get(TOPICS),
      (res) => res.status === 403,
    );
    expect(refused.status).toBe(403);
  } finally {
    await knex(permissions).where({ id: row.id }).update({ action: row.action, updated_at: new Date() });
  }
  const restored = await askUntil(
    () => http(strapi).get(TOPICS),
    (res) => res.status === 200,
  );
  expect(restored.status).toBe(200);
});

it('keeps callers with different permissions apart: two API tokens, the Public role', async () => {
  const token = async (permissions: string[]) =>
    (
      (await strapi.service('admin::api-token').create({
        name: `memo-${Math.random().toString(36).slice(2)}`,
        description: 'created by the API tests',
        type: 'custom',
        lifespan: null,
        permissions,
      })) as { accessKey: string }
    ).accessKey;
  const topicsOnly = await token(['api::topic.topic.find']);
  const organisationsOnly = await token(['api::organisation.organisation.find']);
  const ORGANISATIONS = '/api/organisations?locale=en&fields[0]=slug';

  for (let round = 0; round < 2; round += 1) {
    expect((await http(strapi).get(TOPICS).set('Authorization', `Bearer ${topicsOnly}`)).status).toBe(200);
    expect((await http(strapi).get(ORGANISATIONS).set('Authorization', `Bearer ${topicsOnly}`)).status).toBe(403);
    expect((await http(strapi).get(ORGANISATIONS).set('Authorization', `Bearer ${organisationsOnly}`)).status).toBe(200);
    expect((await http(strapi).get(TOPICS).set('Authorization', `Bearer ${organisationsOnly}`)).status).toBe(403);
    expect((await http(strapi).get(TOPICS)).status).toBe(200);
  }
});
