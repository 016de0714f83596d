import type { Core } from '@strapi/strapi';
import { ORGANISATION, TOPIC } from '../../src/domain/uids';
import { adminToken } from '../helpers/admin';
import { bootStrapi, http } from '../helpers/strapi';
import { createStory, documentIdBySlug } from '../helpers/syndication-fixtures';
import { ADMIN, PUSH_TEST_ENV, createPartner, deliveriesOf, startReceiver, type Receiver } from '../helpers/syndication-push';
import { waitFor } from '../helpers/wait';

/**
 * What the Syndication admin page's edit form and deliveries filter send: PUT of a partner's
 * settings (the secret stays, and is not shown), and `?status=` on a partner's deliveries.
 */

let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let token: string;
const receivers: Receiver[] = [];

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi(PUSH_TEST_ENV));
  token = await adminToken(strapi);
});
afterAll(async () => {
  await Promise.all(receivers.map((receiver) => receiver.close()));
  await teardown();
});

const receiver = async (...args: Parameters<typeof startReceiver>) => {
  const started = await startReceiver(...args);
  receivers.push(started);
  return started;
};

const admin = () => ({
  get: (path: string) => http(strapi).get(`${ADMIN}${path}`).set('Authorization', `Bearer ${token}`),
  put: (path: string, body: object) => http(strapi).put(`${ADMIN}${path}`).set('Authorization', `Bearer ${token}`).send(body),
});

const storedSecret = async (id: number): Promise<string> =>
  ((await strapi.db.query('plugin::syndication.partner').findOne({ where: { id }, select: ['secret'] })) as { secret: string }).secret;

/** Partners of other tests are paused so that a push of this test reaches only its own partner. */
const pauseOthers = async () => {
  await strapi.db.query('plugin::syndication.partner').updateMany({ where: { status: 'active' }, data: { status: 'paused' } });
};

describe('editing a partner with PUT, as the edit form sends it', () => {
  it('changes its endpoint, organisation, locales and topics; keeps its secret and does not show it', async () => {
    await pauseOthers();
    const before = await receiver();
    const after = await receiver();
    const { data: partner, secret } = await createPartner(strapi, token, before, { name: 'Before edit', locales: ['en'], topics: ['advocacy'] });
    const fprk = await documentIdBySlug(strapi, ORGANISATION, 'fprk');
    const storedBefore = await storedSecret(partner.id);

    const res = await admin().put(`/partners/${partner.id}`, {
      name: 'After edit',
      endpointUrl: after.url,
      organisation: fprk,
      locales: ['ru', 'kk'],
      topics: ['youth', 'women'],
    });
    expect(res.status).toBe(200);
    const expected = {
      id: partner.id,
      name: 'After edit',
      endpointUrl: after.url,
      organisation: { documentId: fprk, slug: 'fprk' },
      locales: ['ru', 'kk'],
      topics: ['youth', 'women'],
      status: 'active',
    };
    expect(res.body.data).toMatchObject(expected);
    expect(JSON.stringify(res.body)).not.toContain('"secret"');
    expect(JSON.stringify(res.body)).not.toContain(secret.slice('whsec_'.length, 20));
    expect((await admin().get(`/partners/${partner.id}`)).body.data).toMatchObject(expected);
    expect(await storedSecret(partner.id)).toBe(storedBefore);

    // The next push goes to the new endpoint, on the new filters, signed with the secret given at creation.
    after.secret = secret;
    const youth = await documentIdBySlug(strapi, TOPIC, 'youth');
    await createStory(strapi, { title: 'Молодёжь и профсоюзы', slug: 'molodezh-i-profsoyuzy', locale: 'ru', topics: [youth] });
    await waitFor('a push to the new endpoint', () => after.received.length === 1);
    expect(after.received[0].verified).toBe(true);
    expect(after.received[0].payload?.data.locales).toHaveProperty('ru');
    expect(before.received).toEqual([]);
  });

  it('clears the organisation with null and the filters with empty lists (all locales, all topics)', async () => {
    const server = await receiver();
    const fprk = await documentIdBySlug(strapi, ORGANISATION, 'fprk');
    const { data: partner } = await createPartner(strapi, token, server, { organisation: fprk, locales: ['en'], topics: ['advocacy'] });
    const res = await admin().put(`/partners/${partner.id}`, { organisation: null, locales: [], topics: [] });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ organisation: null, locales: [], topics: [] });
  });

  it.each([
    [{ locales: ['xx'] }, ['locales'], /Unknown locale "xx"/],
    [{ locales: ['not a code'] }, ['locales', '0'], /locale codes/],
    [{ topics: ['no-such-topic'] }, ['topics'], /Unknown topic "no-such-topic"/],
    [{ organisation: 'nosuchorganisation1' }, ['organisation'], /Unknown organisation/],
    [{ endpointUrl: 'ftp://partner.example/hooks' }, ['endpointUrl'], /http or https/],
    [{ name: '' }, ['name'], /name/],
    [{ secret: 'whsec_bWluZQ==' }, [], /Unknown field\(s\): secret/],
  ])('refuses %j with a 400 in Strapi’s error shape and changes nothing', async (body, path, message) => {
    const server = await receiver();
    const { data: partner, secret } = await createPartner(strapi, token, server, { name: 'Unchanged', locales: ['en'], topics: ['advocacy'] });
    const before = (await admin().get(`/partners/${partner.id}`)).body.data as Record<string, unknown>;
    const storedBefore = await storedSecret(partner.id);

    const res = await admin().put(`/partners/${partner.id}`, { name: 'Changed', ...body });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
    const errors = res.body.error.details.errors as Array<{ path: string[]; message: string }>;
    expect(errors).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(message) })]));
    expect(JSON.stringify(res.body)).not.toContain(secret.slice('whsec_'.length, 20));

    expect((await admin().get(`/partners/${partner.id}`)).body.data).toEqual(before);
    expect(await storedSecret(partner.id)).toBe(storedBefore);
  });

  it('refuses anonymous callers and admins without the manage permission', async () => {
    const server = await receiver();
    const { data: partner } = await createPartner(strapi, token, server, { name: 'Guarded' });
    expect((await http(strapi).put(`${ADMIN}/partners/${partner.id}`).send({ name: 'Anonymous' })).status).toBe(401);
    const editor = await adminToken(strapi, 'strapi-editor');
    expect((await http(strapi).put(`${ADMIN}/partners/${partner.id}`).set('Authorization', `Bearer ${editor}`).send({ name: 'Editor' })).status).toBe(403);
    expect((await admin().get(`/partners/${partner.id}`)).body.data.name).toBe('Guarded');
  });
});

describe('filtering a partner’s deliveries by outcome (?status=)', () => {
  let partnerId: number;

  beforeAll(async () => {
    await pauseOthers();
    // The partner refuses one story for good (500 on every attempt) and takes the others.
    const server = await receiver((request) => (request.body.includes('"refused-by-the-partner"') ? { status: 500, body: 'no' } : { status: 200 }));
    ({
      data: { id: partnerId },
    } = await createPartner(strapi, token, server, { name: 'Filtered deliveries' }));
    await createStory(strapi, { title: 'Taken by the partner', slug: 'taken-by-the-partner' });
    await createStory(strapi, { title: 'Refused by the partner', slug: 'refused-by-the-partner' });
    await createStory(strapi, { title: 'Taken again', slug: 'taken-again' });
    await waitFor('3 deliveries, settled', async () => {
      const list = await deliveriesOf(strapi, token, partnerId);
      return list.length === 3 && list.every((delivery) => delivery.status !== 'pending');
    });
  });

  it('lists only the deliveries with that status, newest first', async () => {
    const all = (await admin().get(`/partners/${partnerId}/deliveries`)).body.data as Array<{ id: number; status: string }>;
    expect(all.map((delivery) => delivery.status)).toEqual(['succeeded', 'failed', 'succeeded']);

    const failed = await admin().get(`/partners/${partnerId}/deliveries?status=failed`);
    expect(failed.status).toBe(200);
    expect(failed.body.data).toEqual([all[1]]);

    const succeeded = await admin().get(`/partners/${partnerId}/deliveries?status=succeeded`);
    expect(succeeded.body.data.map((delivery: { id: number }) => delivery.id)).toEqual([all[0].id, all[2].id]);

    const limited = await admin().get(`/partners/${partnerId}/deliveries?status=succeeded&limit=1`);
    expect(limited.body.data.map((delivery: { id: number }) => delivery.id)).toEqual([all[0].id]);

    expect((await admin().get(`/partners/${partnerId}/deliveries?status=pending`)).body.data).toEqual([]);
  });

  it('refuses an unknown status or parameter with a 400 naming each problem', async () => {
    const res = await admin().get(`/partners/${partnerId}/deliveries?status=lost&colour=red&limit=0`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError', message: '3 errors occurred' } });
    expect(res.body.error.details.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['status'], message: 'status must be one of pending, succeeded, failed' }),
        expect.objectContaining({ path: [], message: 'Unknown query parameter(s): colour' }),
        expect.objectContaining({ path: ['limit'] }),
      ]),
    );
    const single = await admin().get(`/partners/${partnerId}/deliveries?status=FAILED`);
    expect(single.status).toBe(400);
    expect(single.body.error.message).toBe('status must be one of pending, succeeded, failed');
    expect((await admin().get('/partners/999999/deliveries?status=failed')).status).toBe(404);
  });
});

describe('what the pickers offer (GET /references/:kind)', () => {
  type Reference = { documentId: string; slug: string; name: string };
  const list = async (path: string): Promise<Reference[]> => {
    const res = await admin().get(path);
    expect(res.status).toBe(200);
    return res.body.data as Reference[];
  };

  it('lists every topic by slug, named in the locale asked for, else in the default locale', async () => {
    const english = await list('/references/topics');
    expect(english).toEqual(expect.arrayContaining([{ documentId: await documentIdBySlug(strapi, TOPIC, 'youth'), slug: 'youth', name: 'Young workers' }]));
    expect(english.map((topic) => topic.slug)).toEqual(expect.arrayContaining(['advocacy', 'communication', 'women', 'digital-economy']));
    const names = english.map((topic) => topic.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));

    const russian = await list('/references/topics?locale=ru');
    expect(russian).toEqual(expect.arrayContaining([expect.objectContaining({ slug: 'youth', name: 'Молодёжь' })]));
    // No Kazakh names in the demo content: the default locale's.
    expect(await list('/references/topics?locale=kk')).toEqual(expect.arrayContaining([expect.objectContaining({ slug: 'youth', name: 'Young workers' })]));
  });

  it('finds organisations by part of their name, acronym or slug, in any locale, by document id', async () => {
    const fprk = {
      documentId: await documentIdBySlug(strapi, ORGANISATION, 'fprk'),
      slug: 'fprk',
      name: 'Federation of Trade Unions of the Republic of Kazakhstan',
    };
    expect(await list('/references/organisations?q=kazakh')).toEqual([fprk]);
    expect(await list('/references/organisations?q=FPRK')).toEqual([fprk]);
    expect(await list('/references/organisations?q=%D1%84%D0%BF%D1%80%D0%BA&locale=ru')).toEqual([
      { ...fprk, name: 'Федерация профсоюзов Республики Казахстан' },
    ]);
    // Lower case Cyrillic finds a capitalised name on SQLite too (its LIKE folds ASCII only).
    expect(await list(`/references/organisations?q=${encodeURIComponent('федерация профсоюзов')}&locale=ru`)).toEqual(
      expect.arrayContaining([{ ...fprk, name: 'Федерация профсоюзов Республики Казахстан' }]),
    );
    expect(await list('/references/organisations?q=no-such-organisation')).toEqual([]);
    const first = await list('/references/organisations?limit=2');
    expect(first).toHaveLength(2);
    expect((await list('/references/organisations')).length).toBeGreaterThan(2);
  });

  it('refuses an unknown locale or parameter with a 400, an unknown kind with a 404, and strangers', async () => {
    const unknownLocale = await admin().get('/references/topics?locale=xx');
    expect(unknownLocale.status).toBe(400);
    expect(unknownLocale.body).toMatchObject({
      data: null,
      error: { status: 400, name: 'ValidationError', message: expect.stringMatching(/Unknown locale "xx"/) },
    });
    const bad = await admin().get('/references/organisations?q=a&limit=500&sort=name');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((error: { path: string[] }) => error.path)).toEqual(expect.arrayContaining([['limit'], []]));
    expect((await admin().get('/references/partners')).status).toBe(404);
    expect((await http(strapi).get(`${ADMIN}/references/topics`)).status).toBe(401);
    const editor = await adminToken(strapi, 'strapi-editor');
    expect((await http(strapi).get(`${ADMIN}/references/organisations`).set('Authorization', `Bearer ${editor}`)).status).toBe(403);
  });
});
