import type { Core } from '@strapi/strapi';
import { ensurePublicReadPermissions } from '../../src/bootstrap/permissions';
import { bootStrapi, http } from '../helpers/strapi';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi());
});
afterAll(async () => teardown());

const permissionsOf = async (roleType: string): Promise<string[]> => {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: roleType } });
  const rows = await strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: role.id } });
  return rows.map((row: { action: string }) => row.action).sort();
};

it('visitors and signed-in members can read every public type, and write nothing', async () => {
  for (const roleType of ['public', 'authenticated']) {
    const actions = await permissionsOf(roleType);
    for (const type of ['story', 'event', 'guide', 'organisation', 'topic', 'participant']) {
      expect(actions).toEqual(expect.arrayContaining([`api::${type}.${type}.find`, `api::${type}.${type}.findOne`]));
    }
    expect(actions.filter((action) => /^api::.*\.(create|update|delete)$/.test(action))).toEqual([]);
  }
});

it('granting again at start-up is idempotent and respects an administrator’s revocation', async () => {
  const before = await permissionsOf('public');
  await ensurePublicReadPermissions(strapi);
  expect(await permissionsOf('public')).toEqual(before);

  // An administrator closes the topics to the public...
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  await strapi.db.query('plugin::users-permissions.permission').deleteMany({
    where: { role: role.id, action: { $in: ['api::topic.topic.find', 'api::topic.topic.findOne'] } },
  });
  await http(strapi).get('/api/topics').expect(403);

  // ...and the next start does not reopen them.
  await ensurePublicReadPermissions(strapi);
  expect(await permissionsOf('public')).not.toContain('api::topic.topic.find');
  await http(strapi).get('/api/topics').expect(403);
});
