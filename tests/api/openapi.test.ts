import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { bootStrapi, http, ROOT } from '../helpers/strapi';
import { DEMO_SLUG, PRIVATE_STRINGS } from '../helpers/calendar-fixtures';
import { generateDocument } from '../../plugins/openapi/server/src/utils/generate';
import { contentApiRoutes } from '../../plugins/openapi/server/src/utils/routes';

/**
 * GET /api/openapi.json (plugins/openapi): a valid OpenAPI document whose paths are exactly the
 * public routes the server registers, and whose schemas the real answers satisfy.
 */

let strapi: Core.Strapi;
let teardown: () => Promise<void>;

type Json = Record<string, unknown>;
type Operation = {
  parameters?: Array<{ name: string; required?: boolean }>;
  responses: Record<string, { content?: Record<string, { schema: Json }> }>;
  'x-documented-by'?: string;
  'x-origin'?: string;
};
type OpenApi = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Json> } };

let doc: OpenApi;
let etag: string;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi());
  const res = await http(strapi).get('/api/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
  etag = String(res.headers.etag);
});
afterAll(async () => teardown());

/**
 * @seriousme/openapi-schema-validator (maintained; OpenAPI 3.0 and 3.1) is an ES module, which
 * Jest's CommonJS runtime cannot load: it runs in a Node process of its own.
 */
const validateOpenApi = (document: unknown): { valid: boolean; errors?: unknown } => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-')), 'openapi.json');
  fs.writeFileSync(file, JSON.stringify(document));
  const script = `
    import { readFileSync } from 'node:fs';
    import { Validator } from '@seriousme/openapi-schema-validator';
    const result = await new Validator().validate(JSON.parse(readFileSync(process.argv[1], 'utf8')));
    process.stdout.write(JSON.stringify({ valid: result.valid, errors: result.errors }));
  `;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script, file], { cwd: ROOT, encoding: 'utf8' });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return JSON.parse(output);
};

const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

describe('serving', () => {
  it('is public JSON with a strong ETag, and answers If-None-Match with 304', async () => {
    const res = await http(strapi).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers.etag).toMatch(/^"[^"]+"$/);
    expect(res.headers.etag).toBe(etag);
    const again = await http(strapi).get('/api/openapi.json').set('If-None-Match', etag);
    expect(again.status).toBe(304);
  });

  it('refuses query parameters with a 400 in Strapi shape', async () => {
    const res = await http(strapi).get('/api/openapi.json?foo=1');
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
  });
});

describe('the document', () => {
  it('is valid OpenAPI 3.1 for a maintained validator', () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = validateOpenApi(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('stays valid whatever an administrator grants the Public role (every action of every route)', () => {
    const everything = new Set(contentApiRoutes(strapi).flatMap((route) => (route.auth === false ? [] : route.auth)));
    expect(everything).toContain('api::story.story.create');
    const all = generateDocument(strapi, { publicActions: everything, localeCodes: ['en', 'ru'] });
    expect(all.paths['/api/stories'].post).toBeDefined();
    expect(validateOpenApi(all)).toEqual({ valid: true });
  });

  it('shows no private attribute and no personal data', () => {
    // The content types' schemas: no private attribute (participants' email and phone, authors).
    const schemas = JSON.stringify(Object.entries(doc.components.schemas).filter(([name]) => !/Error$/.test(name)));
    expect(schemas).not.toMatch(/"email"|"phone"|"password"|createdBy|updatedBy|"folderPath"|"folder"/);
    for (const secret of PRIVATE_STRINGS) expect(JSON.stringify(doc)).not.toContain(secret);
    const participant = doc.components.schemas.Participant;
    expect(Object.keys(participant.properties as Json)).toEqual(expect.arrayContaining(['fullName', 'position', 'country']));
    expect(Object.keys(participant.properties as Json)).not.toContain('email');
  });

  it('offers fallback on the localized types and never status', () => {
    const names = (p: string) => (doc.paths[p].get.parameters ?? []).map((parameter) => parameter.name);
    for (const p of ['/api/stories', '/api/events', '/api/guides', '/api/organisations', '/api/topics']) {
      expect(names(p)).toEqual(
        expect.arrayContaining(['locale', 'fallback', 'filters', 'sort', 'fields', 'populate', 'pagination[page]', 'pagination[limit]']),
      );
      expect(names(p)).not.toContain('status');
    }
    expect(names('/api/stories/{documentId}')).toEqual(expect.arrayContaining(['documentId', 'locale', 'fallback', 'populate']));
  });

  it('gives every operation Strapi-shaped error answers', () => {
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const operation of Object.values(item)) {
        if (p === '/graphql') continue;
        const bad = operation.responses['400']?.content?.['application/json']?.schema;
        expect([p, bad]).toEqual([p, { $ref: '#/components/schemas/ValidationError' }]);
        expect(operation.responses['500']).toBeDefined();
      }
    }
  });
});

/** A Koa or OpenAPI path with every parameter as `{}`: `/api/x/:slug.ics` and `/api/x/{slug}.ics` alike. */
const shape = (p: string) =>
  p
    .replace(/:\w+(\((?:[^()\\]|\\.)*\))?[?*+]?/g, '{}')
    .replace(/\((?:[^()\\]|\\.)*\)[?*+]?/g, '{}')
    .replace(/\{[^}]*\}/g, '{}');
const concrete = (p: string) => shape(p).replace(/\{\}/g, 'x');

type Layer = { path: string; methods: string[] };
const isLayer = (value: unknown): value is Layer => isJson(value) && typeof value.path === 'string' && Array.isArray(value.methods);
const METHODS = { GET: 'get', POST: 'post', PUT: 'put', PATCH: 'patch', DELETE: 'delete' } as const;
const isMethod = (value: string): value is keyof typeof METHODS => value in METHODS;

describe('the documented paths', () => {
  it('are exactly the public routes the server registers', async () => {
    const prefix = String(strapi.config.get('api.rest.prefix', '/api'));
    const graphql = String(strapi.plugin('graphql').config('endpoint'));
    const layers = strapi.server.listRoutes().filter(isLayer);
    expect(layers.length).toBeGreaterThan(50);
    const registered = new Set<string>();
    for (const layer of layers) {
      if (!(layer.path.startsWith(`${prefix}/`) || layer.path === graphql)) continue;
      // Apollo serves GET and POST (its other methods answer 405).
      const methods = layer.path === graphql ? ['GET', 'POST'] : layer.methods.filter((method) => method !== 'HEAD');
      for (const method of methods) registered.add(`${method} ${shape(layer.path)}`);
    }
    // Public: what an unauthenticated request is not refused by authentication or permissions.
    const publicRoutes = new Set<string>();
    for (const key of [...registered].sort()) {
      const [method, routePath] = key.split(' ');
      if (!isMethod(method)) throw new Error(`unexpected method ${method}`);
      const client = http(strapi);
      const probe = client[METHODS[method]].bind(client);
      const res = await probe(concrete(routePath)).send(method === 'GET' ? undefined : {});
      // A 401 that challenges with a scheme of its own (the syndication inbox: the push's
      // signature) is a public route's answer to a request without it, not a refusal of users.
      const refused =
        (res.status === 401 && res.body?.error?.message === 'Unauthorized' && res.headers['www-authenticate'] === undefined) ||
        (res.status === 403 && res.body?.error?.name === 'ForbiddenError' && res.body?.error?.message === 'Forbidden');
      if (!refused) publicRoutes.add(key);
    }
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${shape(p)}`)));
    expect([...documented].sort()).toEqual([...publicRoutes].sort());
    // Sanity: the probe does tell public from private routes.
    expect(publicRoutes).toContain('GET /api/stories');
    expect(publicRoutes).not.toContain('POST /api/stories');
    expect(publicRoutes).toContain('POST /api/syndication/inbox/{}');
    expect(registered).toContain('POST /api/stories');
  });

  it('of every plugin of this app carry config.openapi on their public routes', async () => {
    const local = fs
      .readdirSync(path.join(ROOT, 'plugins'))
      .flatMap((dir) => {
        const file = path.join(ROOT, 'plugins', dir, 'package.json');
        return fs.existsSync(file) ? [JSON.parse(fs.readFileSync(file, 'utf8')).strapi?.name as string] : [];
      })
      .filter((name) => name && strapi.plugin(name));
    expect(local).toEqual(expect.arrayContaining(['calendar', 'syndication', 'openapi']));
    const granted = new Set(
      ((await strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: { type: 'public' } } })) as Array<{ action: string }>).map(
        (p) => p.action,
      ),
    );
    const missing: string[] = [];
    let publicCount = 0;
    for (const name of local) {
      const declared: unknown = strapi.plugin(name).routes;
      const routers = isJson(declared) ? Object.values(declared).filter(isJson) : [];
      for (const router of routers.filter((r) => r.type === 'content-api')) {
        for (const route of Array.isArray(router.routes) ? router.routes.filter(isJson) : []) {
          const config = isJson(route.config) ? route.config : {};
          const scope = isJson(config.auth) && Array.isArray(config.auth.scope) ? config.auth.scope.map(String) : [];
          const isPublic = config.auth === false || (scope.length > 0 && scope.every((action) => granted.has(action)));
          if (!isPublic) continue;
          publicCount += 1;
          if (!(isJson(config.openapi) && typeof config.openapi.summary === 'string')) missing.push(`${name} ${String(route.method)} ${String(route.path)}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(publicCount).toBeGreaterThanOrEqual(9);
    // The app's own routes (its types, its plugins) are all described; Strapi's may be generic.
    const ours = (origin = '') => origin.startsWith('api::') || local.some((name) => origin === `plugin::${name}`);
    const operations = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.entries(item).map(([method, operation]) => ({ key: `${method} ${p}`, operation })),
    );
    expect(operations.filter(({ operation }) => !operation['x-origin'])).toEqual([]);
    const undocumented = operations.filter(({ operation }) => ours(operation['x-origin']) && operation['x-documented-by'] === 'none').map(({ key }) => key);
    expect(undocumented).toEqual([]);
    expect(operations.filter(({ operation }) => ours(operation['x-origin'])).length).toBeGreaterThanOrEqual(publicCount);
  });
});

describe('real answers match their documented schemas', () => {
  const ajv = () => {
    const instance = new Ajv2020({ strict: false, allErrors: true });
    addFormats(instance);
    instance.addSchema({ $id: 'https://union-comms.invalid/openapi.json', ...doc });
    return instance;
  };
  let validator: ReturnType<typeof ajv>;
  beforeAll(() => {
    validator = ajv();
  });

  const pointer = (...parts: string[]) => parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

  /** Fetches `url`, finds the documented answer for its status and media type, validates the body. */
  const check = async (url: string, template: string, status = 200) => {
    const res = await http(strapi).get(url).buffer(true);
    expect([url, res.status]).toEqual([url, status]);
    const operation = doc.paths[template]?.get;
    expect(operation).toBeDefined();
    const mediaType = String(res.headers['content-type']).split(';')[0].trim();
    const content = operation.responses[String(status)]?.content ?? {};
    expect([url, Object.keys(content)]).toEqual([url, expect.arrayContaining([mediaType])]);
    const validate = validator.getSchema(
      `https://union-comms.invalid/openapi.json#/${pointer('paths', template, 'get', 'responses', String(status), 'content', mediaType, 'schema')}`,
    );
    expect(validate).toBeDefined();
    const body: unknown = /json/.test(mediaType) ? JSON.parse(res.text) : res.text;
    if (!validate) throw new Error(`no schema for ${url}`);
    const valid = validate(body);
    expect([url, valid ? [] : validate.errors]).toEqual([url, []]);
    return body;
  };

  it('core types: lists, populated relations, components, media, one document', async () => {
    const stories = await check(
      '/api/stories?populate[publisher]=true&populate[topics]=true&populate[events]=true&populate[guides]=true&populate[cover]=true&populate[syndication]=true&populate[source][populate][organisation]=true',
      '/api/stories',
    );
    const data = (stories as { data: Array<{ documentId: string; publisher: unknown }> }).data;
    expect(data.length).toBeGreaterThan(0);
    expect(data.some((story) => story.publisher)).toBe(true);
    await check(`/api/stories/${data[0].documentId}?populate=*`, '/api/stories/{documentId}');
    await check('/api/stories?locale=ru&fields[0]=title&pagination[start]=0&pagination[limit]=1', '/api/stories');
    // Locale fallback: Kazakh readers get the Russian (or English) version where there is no Kazakh one.
    const fallback = await check('/api/stories?locale=kk&fallback=true&populate[publisher]=true', '/api/stories');
    expect((fallback as { data: unknown[] }).data.length).toBeGreaterThan(0);
    await check(
      '/api/events?populate[venue]=true&populate[organisers][populate][parent]=true&populate[participations][populate][participant][populate][organisation]=true',
      '/api/events',
    );
    await check('/api/organisations?locale=ru&populate[parent]=true&populate[children]=true&populate[logo]=true', '/api/organisations');
    await check('/api/guides?populate=*', '/api/guides');
    await check('/api/topics?pagination[page]=1&pagination[pageSize]=5', '/api/topics');
    await check('/api/participants?populate=*', '/api/participants');
  });

  it('calendar: JSON, iCalendar, JSON-LD and participants', async () => {
    await check('/api/calendar/events', '/api/calendar/events');
    await check('/api/calendar/events.ics', '/api/calendar/events.ics');
    await check(`/api/calendar/events/${DEMO_SLUG}.ics`, '/api/calendar/events/{slug}.ics');
    await check(`/api/calendar/events/${DEMO_SLUG}/jsonld`, '/api/calendar/events/{slug}/jsonld');
    await check(`/api/calendar/events/${DEMO_SLUG}/participants`, '/api/calendar/events/{slug}/participants');
  });

  it('syndication feeds', async () => {
    await check('/api/syndication/feeds/stories.rss', '/api/syndication/feeds/stories.rss');
    await check('/api/syndication/feeds/stories.atom', '/api/syndication/feeds/stories.atom');
    const feed = await check('/api/syndication/feeds/stories.json', '/api/syndication/feeds/stories.json');
    expect((feed as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });

  it('structured data and search, when their plugins document routes', async () => {
    const slugOf = async (plural: string) => (await http(strapi).get(`/api/${plural}?fields[0]=slug&pagination[limit]=1`)).body.data[0].slug as string;
    const structured = ['stories', 'guides', 'organisations'].filter((plural) => doc.paths[`/api/structured-data/${plural}/{slug}`]);
    for (const plural of structured) {
      const content = await check(`/api/structured-data/${plural}/${await slugOf(plural)}`, `/api/structured-data/${plural}/{slug}`);
      expect(content).toBeTruthy();
    }
    const search = doc.paths['/api/search']?.get;
    if (search) {
      // The query the operation requires, from its own documentation (a search term for each).
      const required = (search.parameters ?? []).filter((parameter) => parameter.required);
      const query = required.map((parameter) => `${encodeURIComponent(parameter.name)}=turin`).join('&');
      await check(`/api/search${query ? `?${query}` : ''}`, '/api/search');
    }
    expect(structured.length + (doc.paths['/api/search'] ? 1 : 0)).toBeGreaterThan(0);
  });

  it('every other documented GET without required parameters (files, this document)', async () => {
    const done = new Set([
      '/api/stories',
      '/api/events',
      '/api/organisations',
      '/api/guides',
      '/api/topics',
      '/api/participants',
      '/api/calendar/events',
      '/api/calendar/events.ics',
      '/api/search',
    ]);
    const rest = Object.entries(doc.paths).filter(
      ([p, item]) =>
        item.get &&
        !(item.get.parameters ?? []).some((parameter) => parameter.required) &&
        p.startsWith('/api/') &&
        !done.has(p) &&
        !p.startsWith('/api/syndication/feeds/') &&
        !p.startsWith('/api/auth/'),
    );
    expect(rest.map(([p]) => p)).toEqual(expect.arrayContaining(['/api/openapi.json', '/api/upload/files']));
    for (const [p] of rest) await check(p, p);
  });

  it('a 400 is the documented ValidationError, on a core route and on a plugin route', async () => {
    await check('/api/stories?locale=xx', '/api/stories', 400);
    await check('/api/calendar/events?from=2025-02-30', '/api/calendar/events', 400);
    await check('/api/syndication/feeds/stories.json?limit=1000', '/api/syndication/feeds/stories.json', 400);
  });

  it('a schema catches what it does not allow (the check can fail)', () => {
    const validate = validator.getSchema('https://union-comms.invalid/openapi.json#/components/schemas/Participant');
    if (!validate) throw new Error('no Participant schema');
    expect(validate({ id: 1, documentId: 'a', fullName: 'X' })).toBe(true);
    expect(validate({ id: 1, documentId: 'a', fullName: 'X', email: 'x@example.org' })).toBe(false);
  });
});

describe('a change of the Public role', () => {
  it('is in the next document: a revoked action leaves it, a granted one comes back', async () => {
    const PERMISSION = 'plugin::users-permissions.permission';
    const action = 'plugin::calendar.events.participants';
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    const permission = await strapi.db.query(PERMISSION).findOne({ where: { action, role: role.id } });
    expect(permission).toBeTruthy();
    await strapi.db.query(PERMISSION).delete({ where: { id: permission.id } });
    try {
      const without = await http(strapi).get('/api/openapi.json');
      expect(without.status).toBe(200);
      expect(without.headers.etag).not.toBe(etag);
      expect(Object.keys(without.body.paths)).not.toContain('/api/calendar/events/{slug}/participants');
      expect(Object.keys(without.body.paths)).toContain('/api/calendar/events/{slug}/jsonld');
    } finally {
      await strapi.db.query(PERMISSION).create({ data: { action, role: role.id } });
    }
    const again = await http(strapi).get('/api/openapi.json');
    expect(Object.keys(again.body.paths)).toContain('/api/calendar/events/{slug}/participants');
    expect(again.headers.etag).toBe(etag);
  });
});
