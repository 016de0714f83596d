import type { Core } from '@strapi/strapi';
import { closeSelfRegistrationOnce } from '../../src/bootstrap/registration';
import { adminToken } from '../helpers/admin';
import { bootStrapi, http, ROOT } from '../helpers/strapi';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;

beforeAll(async () => {
  // Development mode, as `npm run quickstart` runs: there Apollo sends stack traces by default.
  ({ strapi, teardown } = await bootStrapi({ NODE_ENV: 'development' }));
  // Development logs everything down to `silly`; only warnings matter here.
  strapi.log.level = 'warn';
});
afterAll(async () => teardown());

const EVIL = 'https://evil.example';
/** The admin panel's origin: PUBLIC_URL's in tests/helpers/strapi.ts. */
const ADMIN = 'http://cms.test';

type Call = { method: 'get' | 'post'; path: string; body?: () => object };
const ADMIN_CALLS: Call[] = [
  { method: 'post', path: '/admin/access-token' },
  { method: 'post', path: '/admin/login', body: () => ({ email: 'nobody@example.org', password: 'Wrong-password-1' }) },
];
let calls = 0;
const CONTENT_CALLS: Call[] = [
  { method: 'get', path: '/api/stories' },
  // A query of its own each time: a response cache hit would not reach the GraphQL route.
  { method: 'post', path: '/graphql', body: () => ({ query: `query Call${++calls} { stories { title } }` }) },
];

const plain = (call: Call, origin: string) => {
  const req = http(strapi)[call.method](call.path).set('Origin', origin);
  return call.body ? req.send(call.body()) : req;
};
const preflight = (call: Call, origin: string) =>
  http(strapi)
    .options(call.path)
    .set('Origin', origin)
    .set('Access-Control-Request-Method', call.method.toUpperCase())
    .set('Access-Control-Request-Headers', 'content-type');

const varyOf = (res: { headers: Record<string, string | undefined> }) => (res.headers.vary ?? '').toLowerCase();

describe('CORS', () => {
  it.each(ADMIN_CALLS)('$method $path: another origin gets no CORS grant, with or without a preflight', async (call) => {
    for (const res of [await preflight(call, EVIL), await plain(call, EVIL)]) {
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(varyOf(res)).toContain('origin');
    }
  });

  it.each(CONTENT_CALLS)('$method $path: any origin may read, without credentials', async (call) => {
    const asked = await preflight(call, EVIL);
    expect(asked.status).toBe(204);
    expect(asked.headers['access-control-allow-origin']).toBe('*');
    expect(asked.headers['access-control-allow-credentials']).toBeUndefined();

    const res = await plain(call, EVIL);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(varyOf(res)).toContain('origin');
  });

  it('the content API is recognised whatever the case of its path, as Strapi routes it', async () => {
    const res = await http(strapi).get('/API/stories').set('Origin', EVIL).expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it.each([...ADMIN_CALLS, ...CONTENT_CALLS])('$method $path: the admin panel’s own origin is granted credentials', async (call) => {
    const asked = await preflight(call, ADMIN);
    expect(asked.status).toBe(204);
    expect(asked.headers['access-control-allow-origin']).toBe(ADMIN);
    expect(asked.headers['access-control-allow-credentials']).toBe('true');

    // GraphQL's own CORS middleware, were it on, would answer `*` here after the app's rule.
    const res = await plain(call, ADMIN);
    expect(res.headers['access-control-allow-origin']).toBe(ADMIN);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(varyOf(res)).toContain('origin');
  });

  it('an origin that merely looks like the admin’s gets nothing on the admin API', async () => {
    for (const origin of ['http://cms.test.evil.example', 'https://cms.test', 'http://sub.cms.test', 'null']) {
      const res = await preflight(ADMIN_CALLS[0], origin);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });
});

describe('self-registration', () => {
  const USER = 'plugin::users-permissions.user';
  const advancedSettings = async () => (await strapi.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'advanced' })) as Record<string, unknown>;
  const register = (email: string) =>
    http(strapi)
      .post('/api/auth/local/register')
      .send({ username: email.split('@')[0], email, password: 'Member-password-1' });

  it('is closed on a new database, with e-mail confirmation for when it is opened', async () => {
    expect(await advancedSettings()).toMatchObject({ allow_register: false, email_confirmation: true });
  });

  it('is refused over REST in Strapi’s error shape, and creates no account', async () => {
    const res = await register('visitor@example.org').expect(400);
    expect(res.body).toMatchObject({
      data: null,
      error: { status: 400, name: 'ApplicationError', message: 'Register action is currently disabled' },
    });
    expect(res.body.jwt).toBeUndefined();
    expect(await strapi.db.query(USER).count({ where: { email: 'visitor@example.org' } })).toBe(0);
  });

  it('is refused over GraphQL too, and creates no account', async () => {
    const res = await http(strapi)
      .post('/graphql')
      .send({ query: 'mutation { register(input: { username: "visitor2", email: "visitor2@example.org", password: "Member-password-1" }) { jwt } }' });
    expect(res.body.data?.register ?? null).toBeNull();
    expect(JSON.stringify(res.body.errors)).toMatch(/Register action is currently disabled/);
    expect(await strapi.db.query(USER).count({ where: { email: 'visitor2@example.org' } })).toBe(0);
  });

  it('stays open once an administrator opens it: closing happens once per database', async () => {
    const jwt = await adminToken(strapi);
    const opened = { ...(await advancedSettings()), allow_register: true, email_confirmation: false };
    await http(strapi).put('/users-permissions/advanced').set('Authorization', `Bearer ${jwt}`).send(opened).expect(200);

    // What the next start runs.
    await closeSelfRegistrationOnce(strapi);
    expect(await advancedSettings()).toMatchObject({ allow_register: true, email_confirmation: false });
    const res = await register('member@example.org').expect(200);
    expect(typeof res.body.jwt).toBe('string');
    expect(await strapi.db.query(USER).count({ where: { email: 'member@example.org' } })).toBe(1);
  });
});

describe('GraphQL limits', () => {
  const gql = (query: string) => http(strapi).post('/graphql').send({ query });
  /** `count` copies of `field`, each under its own alias. */
  const aliased = (count: number, field: string) => `{ ${Array.from({ length: count }, (_, index) => `a${index}: ${field}`).join(' ')} }`;

  const expectRefused = (res: { status: number; body: { data?: unknown; errors?: Array<{ message: string }> } }, message: RegExp) => {
    expect(res.status).toBe(400);
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors?.map((error) => error.message).join('\n')).toMatch(message);
  };

  it('a query of 5,000 aliases of events (about 780 KB) is refused before it runs', async () => {
    const query = aliased(
      5000,
      'events { documentId title slug summary startsAt endsAt timeZone format eventStatus onlineUrl venue { name street postalCode city country } }',
    );
    expect(query.length).toBeGreaterThan(700_000);
    const started = Date.now();
    const res = await gql(query);
    expectRefused(res, /Document contains more tha[nt] 2000 tokens/);
    // The parser stops at the first token over the limit: far from the 15 s its execution took.
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('2,000 tokens are parsed; one more is refused while parsing', async () => {
    // `{ a0: topics { slug } ... }`: 2 tokens, and 6 per alias. Parsed, the aliases' limit refuses it.
    const query = aliased(333, 'topics { slug }');
    expectRefused(await gql(query), /Aliases limit of 20 exceeded, found 333/);
    expectRefused(await gql(query.replace('{ a0', '{ __typename a0')), /Document contains more tha[nt] 2000 tokens/);
  });

  it('more than 20 aliases are refused; 20 are answered', async () => {
    expectRefused(await gql(aliased(21, 'topics { slug }')), /Aliases limit of 20 exceeded, found 21/);
    const res = await gql(aliased(20, 'topics { slug }')).expect(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.a19.length).toBeGreaterThan(0);
  });

  it('a query costing more than the limit is refused, although within the depth, token and alias limits', async () => {
    const query = `{ stories { publisher { parent { parent { parent { ${'name '.repeat(400)}} } } } } }`;
    expectRefused(await gql(query), /Cost limit of 2500 exceeded/i);
  });

  it('more than 50 directives are refused', async () => {
    expectRefused(await gql(`{ stories { ${'title @include(if: true) '.repeat(51)}} }`), /Directives limit of 50 exceeded/);
  });

  it('the depth limit still refuses a query nested beyond it', async () => {
    const res = await gql('{ stories { events { guides { publisher { parent { parent { parent { parent { name } } } } } } } } }');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).toMatch(/exceeds maximum operation depth/);
  });

  it('the query of a whole story page is answered', async () => {
    const res = await gql(`query StoryPage {
      stories(locale: "en") {
        documentId title slug lead body canonicalUrl licence publishedAt locale
        cover { url alternativeText width height formats caption }
        publisher { documentId name acronym slug website logo { url alternativeText } parent { name slug } }
        topics { documentId name slug }
        events(sort: "startsAt:asc") {
          documentId title slug summary startsAt endsAt timeZone format eventStatus onlineUrl
          venue { name street postalCode city country }
          organisers { name slug } cover { url alternativeText }
        }
        guides { documentId title slug summary cover { url } publisher { name } }
        localizations { locale slug title }
      }
      topics(pagination: { pageSize: 50 }) { name slug }
      latest: stories(sort: "publishedAt:desc", pagination: { pageSize: 5 }) { title slug lead cover { url formats } }
    }`);
    expect(res.body.errors).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.body.data.stories[0].publisher.acronym).toBe('FPRK');
    expect(res.body.data.latest).toHaveLength(1);
  });
});

describe('GraphQL errors', () => {
  const INTERNALS = new RegExp(`${ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|node_modules|/dist/|\\.js:\\d+`);

  it.each([
    ['a misspelt field', '{ stories { titel } }'],
    ['a syntax error', '{ stories { title '],
    // Thrown by the app's own resolver middleware: an error with a stack of server files.
    ['a refused argument', '{ stories(status: DRAFT) { title } }'],
  ])('%s carries no stack trace and no server path', async (_label, query) => {
    const res = await http(strapi).post('/graphql').send({ query });
    expect(res.body.errors?.length).toBeGreaterThan(0);
    for (const error of res.body.errors) {
      expect(error.extensions?.stacktrace).toBeUndefined();
    }
    expect(JSON.stringify(res.body)).not.toMatch(INTERNALS);
  });

  it('suggests field names where introspection is on (outside production)', async () => {
    const res = await http(strapi).post('/graphql').send({ query: '{ stories { titel } }' });
    expect(res.body.errors[0].message).toMatch(/Did you mean "title"/);
  });
});
