import type { Core } from '@strapi/strapi';
import { adminToken } from '../helpers/admin';
import { bootStrapi, http } from '../helpers/strapi';
import { ADMIN, PUSH_TEST_ENV, startReceiver, type Receiver } from '../helpers/syndication-push';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let token: string;
let receiver: Receiver;
const secrets: string[] = [];

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi(PUSH_TEST_ENV));
  token = await adminToken(strapi);
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await teardown();
});

const admin = () => ({
  get: (path: string) => http(strapi).get(`${ADMIN}${path}`).set('Authorization', `Bearer ${token}`),
  post: (path: string, body?: object) => http(strapi).post(`${ADMIN}${path}`).set('Authorization', `Bearer ${token}`).send(body),
  patch: (path: string, body: object) => http(strapi).patch(`${ADMIN}${path}`).set('Authorization', `Bearer ${token}`).send(body),
  put: (path: string, body: object) => http(strapi).put(`${ADMIN}${path}`).set('Authorization', `Bearer ${token}`).send(body),
});

const create = async (body: object = {}) => {
  const res = await admin().post('/partners', { name: 'ETUC newsroom', endpointUrl: receiver.url, locales: ['en', 'ru'], topics: ['advocacy'], ...body });
  expect(res.status).toBe(201);
  secrets.push(res.body.secret);
  return res.body as { data: { id: number }; secret: string };
};

describe('creating a partner', () => {
  it('answers with the partner and its secret, once, in the Standard Webhooks form', async () => {
    const { data, secret } = await create();
    expect(data).toMatchObject({
      name: 'ETUC newsroom',
      endpointUrl: receiver.url,
      locales: ['en', 'ru'],
      topics: ['advocacy'],
      status: 'active',
      disabledReason: null,
    });
    expect(data).not.toHaveProperty('secret');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64').length).toBeGreaterThanOrEqual(24);
  });

  it('gives every partner its own secret and stores it encrypted', async () => {
    const a = await create({ name: 'A' });
    const b = await create({ name: 'B' });
    expect(a.secret).not.toBe(b.secret);
    const stored = (await strapi.db.query('plugin::syndication.partner').findOne({ where: { id: a.data.id }, select: ['secret'] })) as { secret: string };
    expect(stored.secret).not.toContain(a.secret.slice('whsec_'.length));
  });

  it.each([
    [{ name: 'x', endpointUrl: 'ftp://example.org/hook' }, 'endpointUrl'],
    [{ name: 'x', endpointUrl: 'https://user:pw@example.org/hook' }, 'endpointUrl'],
    [{ name: 'x', endpointUrl: 'not a url' }, 'endpointUrl'],
    [{ endpointUrl: 'https://example.org/hook' }, 'name'],
    [{ name: 'x', endpointUrl: 'https://example.org/hook', secret: 'whsec_Y2hvc2VuLWJ5LXRoZS1jbGllbnQtMTIzNDU2Nzg=' }, 'secret'],
    [{ name: 'x', endpointUrl: 'https://example.org/hook', locales: ['xx'] }, 'locale'],
    [{ name: 'x', endpointUrl: 'https://example.org/hook', topics: ['no-such-topic'] }, 'topic'],
    [{ name: 'x', endpointUrl: 'https://example.org/hook', status: 'disabled' }, 'status'],
    [{ name: 'x', endpointUrl: 'https://example.org/hook', organisation: 'not-a-real-document-id' }, 'organisation'],
  ])('refuses %j with a 400 naming %s', async (body, field) => {
    const before = (await admin().get('/partners')).body.data.length;
    const res = await admin().post('/partners', body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect(JSON.stringify(res.body.error)).toContain(field);
    expect(JSON.stringify(res.body)).not.toMatch(/syndication_partners|select |insert |at .*\.js/i);
    expect((await admin().get('/partners')).body.data.length).toBe(before);
  });

  it('links an organisation by document id', async () => {
    const fprk = (await strapi.db.query('api::organisation.organisation').findOne({ where: { slug: 'fprk' }, select: ['documentId'] })) as {
      documentId: string;
    };
    const { data } = await create({ name: 'With organisation', organisation: fprk.documentId });
    expect((await admin().get(`/partners/${data.id}`)).body.data.organisation).toMatchObject({ documentId: fprk.documentId, slug: 'fprk' });
  });
});

describe('managing a partner', () => {
  it('pauses, resumes and edits with PATCH', async () => {
    const { data } = await create({ name: 'To pause' });
    expect((await admin().patch(`/partners/${data.id}`, { status: 'paused' })).body.data.status).toBe('paused');
    expect((await admin().patch(`/partners/${data.id}`, { status: 'active', name: 'Resumed', topics: [] })).body.data).toMatchObject({
      status: 'active',
      name: 'Resumed',
      topics: [],
    });
    expect((await admin().patch(`/partners/${data.id}`, { nonsense: 1 })).status).toBe(400);
    expect((await admin().patch(`/partners/${data.id}`, {})).status).toBe(400);
    expect((await admin().patch('/partners/999999', { name: 'x' })).status).toBe(404);
    expect((await admin().patch('/partners/abc', { name: 'x' })).status).toBe(404);
  });

  it('pauses and resumes with PUT, as the admin panel sends it', async () => {
    const { data } = await create({ name: 'Paused from the panel' });
    expect((await admin().put(`/partners/${data.id}`, { status: 'paused' })).body.data.status).toBe('paused');
    expect((await admin().put(`/partners/${data.id}`, { status: 'active' })).body.data.status).toBe('active');
    expect((await admin().put(`/partners/${data.id}`, { nonsense: 1 })).status).toBe(400);
    expect((await http(strapi).put(`${ADMIN}/partners/${data.id}`).send({ status: 'paused' })).status).toBe(401);
  });

  it('rotates the secret: a new one, shown once', async () => {
    const { data, secret } = await create({ name: 'To rotate' });
    const res = await admin().post(`/partners/${data.id}/secret`);
    expect(res.status).toBe(201);
    expect(res.body.secret).toMatch(/^whsec_/);
    expect(res.body.secret).not.toBe(secret);
    expect(res.body.data).not.toHaveProperty('secret');
    secrets.push(res.body.secret);
  });

  it('never answers with a secret after creation or rotation', async () => {
    const list = await admin().get('/partners');
    expect(list.status).toBe(200);
    const ids = (list.body.data as Array<{ id: number }>).map((partner) => partner.id);
    const bodies = [JSON.stringify(list.body)];
    for (const id of ids) {
      bodies.push(JSON.stringify((await admin().get(`/partners/${id}`)).body));
      bodies.push(JSON.stringify((await admin().get(`/partners/${id}/deliveries`)).body));
      bodies.push(JSON.stringify((await admin().patch(`/partners/${id}`, { name: `Renamed ${id}` })).body));
    }
    // The Content Manager does not offer the type either.
    const cm = await http(strapi).get('/content-manager/collection-types/plugin::syndication.partner').set('Authorization', `Bearer ${token}`);
    bodies.push(JSON.stringify(cm.body));
    expect(secrets.length).toBeGreaterThan(3);
    for (const body of bodies) {
      expect(body).not.toContain('"secret"');
      for (const secret of secrets) expect(body).not.toContain(secret.slice('whsec_'.length, 20));
    }
  });
});

describe('the stored secret is no oracle, not even for the super admin', () => {
  it.each(['filters[secret][$startsWith]=whsec_', 'filters[secret][$startsWith]=nothing', 'filters[$or][0][secret][$contains]=a', 'sort=secret:asc'])(
    'the Content Manager refuses %s with a 400',
    async (query) => {
      const cm = await http(strapi).get(`/content-manager/collection-types/plugin::syndication.partner?${query}`).set('Authorization', `Bearer ${token}`);
      expect(cm.status).toBe(400);
      expect(cm.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
      expect(JSON.stringify(cm.body)).not.toContain('whsec_');
    },
  );

  it('filtering on another attribute still works there', async () => {
    const cm = await http(strapi)
      .get('/content-manager/collection-types/plugin::syndication.partner?filters[name][$startsWith]=x')
      .set('Authorization', `Bearer ${token}`);
    expect(cm.status).toBe(200);
  });
});

describe('access', () => {
  it('refuses anonymous callers and admins without the plugin permission', async () => {
    expect((await http(strapi).get(`${ADMIN}/partners`)).status).toBe(401);
    expect((await http(strapi).post(`${ADMIN}/partners`).send({ name: 'x', endpointUrl: 'https://example.org' })).status).toBe(401);
    const editor = await adminToken(strapi, 'strapi-editor');
    expect((await http(strapi).get(`${ADMIN}/partners`).set('Authorization', `Bearer ${editor}`)).status).toBe(403);
    expect((await http(strapi).post(`${ADMIN}/partners/1/secret`).set('Authorization', `Bearer ${editor}`)).status).toBe(403);
  });

  it('shows the public nothing about partners or deliveries, over REST or GraphQL', async () => {
    for (const path of ['/api/partners', '/api/syndication/partners', '/api/syndication/deliveries', '/api/deliveries', '/api/syndication-partners']) {
      expect([403, 404]).toContain((await http(strapi).get(path)).status);
    }
    const res = await http(strapi)
      .post('/graphql')
      .send({ query: '{ __schema { types { name } queryType { fields { name } } mutationType { fields { name } } } }' });
    expect(res.status).toBe(200);
    const schema = res.body.data.__schema as {
      types: Array<{ name: string }>;
      queryType: { fields: Array<{ name: string }> };
      mutationType: { fields: Array<{ name: string }> };
    };
    const names = [...schema.types, ...schema.queryType.fields, ...schema.mutationType.fields].map((item) => item.name);
    expect(names.filter((name) => /partner|deliver/i.test(name))).toEqual([]);
  });
});
