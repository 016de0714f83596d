import type { Core } from '@strapi/strapi';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import jsonld from 'jsonld';
import { GUIDE, ORGANISATION, STORY } from '../../src/domain/uids';
import { NON_CONSENTING_NAME, PRIVATE_STRINGS } from '../helpers/calendar-fixtures';
import { findLeaks } from '../helpers/content';
import { bootStrapi, http, responseCache } from '../helpers/strapi';
import { documentLoader, S } from '../helpers/schema-org';

/**
 * GET /api/structured-data/{stories,guides,organisations}/:slug: schema.org JSON-LD, read as a
 * search engine would, by expanding it with a JSON-LD processor (jsonld.js) against a local copy
 * of the schema.org context (tests have no network).
 */

let strapi: Core.Strapi;
let teardown: () => Promise<void>;

const BASE = 'http://cms.test/api/structured-data';
const DEMO_STORY = {
  en: 'national-unions-discuss-modern-communication-in-turin',
  ru: 'v-turine-predstaviteli-nacionalnyh-profsoyuzov-obsuzhdayut-kommunikacii',
};
const PARTNER_STORY = { en: 'partner-story-on-youth-organising', ru: 'partnerskaya-statya-o-molodezhi' };
const DRAFT_STORY = 'a-story-still-in-draft';
const ADVOCACY_GUIDE = 'advocacy-for-strengthening-workers-organisations';
const COMMUNICATION_GUIDE = 'communication-for-impact';
const ORIGINAL_URL = 'https://www.itcilo.org/news/youth-organising-original';
const GUIDE_ISBN = '978-92-2-031234-6';

/** Every answer the tests received: none may hold participant data (checked at the end). */
const bodies: string[] = [];

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await http(strapi).get(path).set(headers);
  bodies.push(res.text ?? '');
  return res;
};

const documentIdOf = async (uid: typeof ORGANISATION | typeof GUIDE, slug: string): Promise<string> => {
  const found = await strapi.documents(uid).findFirst({ locale: 'en', filters: { slug }, fields: ['documentId'] });
  if (!found) throw new Error(`fixture: no ${uid} "${slug}"`);
  return found.documentId;
};

/** An uploaded file as the upload plugin records it (local provider: a URL under /uploads). */
const createFile = async (name: string, mime: string, extra: Record<string, unknown> = {}): Promise<number> => {
  const file = (await strapi.db.query('plugin::upload.file').create({
    data: {
      name,
      hash: name.replace(/\W/g, '_'),
      ext: name.slice(name.lastIndexOf('.')),
      mime,
      size: 1234.5,
      url: `/uploads/${name}`,
      provider: 'local',
      ...extra,
    },
  })) as { id: number };
  return file.id;
};

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi());
  const [itcIlo, actrav] = await Promise.all([documentIdOf(ORGANISATION, 'itc-ilo'), documentIdOf(ORGANISATION, 'actrav')]);

  // A story received from a partner, written in English and translated into Russian. Its lead
  // carries markup that must not end a <script> element.
  const partner = await strapi.documents(STORY).create({
    locale: 'en',
    data: {
      title: 'Partner story on youth organising',
      slug: PARTNER_STORY.en,
      lead: 'Young workers organise </script><b>first</b> & win',
      body: 'Body of the partner story.',
      licence: 'CC-BY-SA-4.0',
      canonicalUrl: 'https://union.example.net/en/stories/youth-organising',
      publisher: actrav,
      source: { organisation: itcIlo, name: 'ITC-ILO newsroom', url: ORIGINAL_URL },
    },
  });
  await strapi.documents(STORY).update({
    documentId: partner.documentId,
    locale: 'ru',
    data: { title: 'Партнёрская статья о молодёжи', slug: PARTNER_STORY.ru, lead: 'Молодые работники объединяются', licence: 'CC-BY-SA-4.0' },
  });
  await strapi.documents(STORY).publish({ documentId: partner.documentId, locale: '*' });

  await strapi.documents(STORY).create({ locale: 'en', data: { title: 'A story still in draft', slug: DRAFT_STORY, licence: 'CC-BY-4.0' } });

  // The advocacy guide gets an ISBN and a file per language; ITC-ILO a logo.
  const guide = await documentIdOf(GUIDE, ADVOCACY_GUIDE);
  const [englishFile, russianFile, logo] = await Promise.all([
    createFile('advocacy-en.pdf', 'application/pdf'),
    createFile('advocacy-ru.pdf', 'application/pdf'),
    createFile('itc-ilo-logo.png', 'image/png', { width: 240, height: 120 }),
  ]);
  await strapi.documents(GUIDE).update({ documentId: guide, locale: 'en', data: { isbn: GUIDE_ISBN, file: englishFile } });
  await strapi.documents(GUIDE).update({ documentId: guide, locale: 'ru', data: { file: russianFile } });
  await strapi.documents(GUIDE).publish({ documentId: guide, locale: '*' });
  await strapi.documents(ORGANISATION).update({ documentId: itcIlo, locale: 'en', data: { logo } });
});

afterAll(async () => teardown());

type Expanded = Record<string, unknown>;

const all = (node: Expanded, term: string): Expanded[] => {
  const values = node[`${S}${term}`];
  if (!Array.isArray(values)) throw new Error(`no ${term} in ${JSON.stringify(node)}`);
  return values as Expanded[];
};
const first = (node: Expanded, term: string): Expanded => all(node, term)[0];
/** A literal or a link (schema.org's own context types some URL properties as @id). */
const value = (node: Expanded, term: string): unknown => first(node, term)['@value'] ?? first(node, term)['@id'];
const has = (node: Expanded, term: string): boolean => `${S}${term}` in node;

/** Fetches a resource, checks it is script-safe JSON-LD, and expands it. */
const expanded = async (path: string): Promise<Expanded> => {
  const res = await get(path);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/ld+json; charset=utf-8');
  expect(res.text).not.toMatch(/[<>]/);
  const document = JSON.parse(res.text);
  expect(document['@context']).toBe('https://schema.org');
  const nodes = (await jsonld.expand(document, { documentLoader })) as Expanded[];
  expect(nodes).toHaveLength(1);
  return nodes[0];
};

describe('GET /api/structured-data/stories/:slug', () => {
  it('is a NewsArticle with its headline, dates, publisher, licence and topics', async () => {
    const article = await expanded(`/api/structured-data/stories/${DEMO_STORY.en}?locale=en`);
    expect(article['@type']).toEqual([`${S}NewsArticle`]);
    expect(article['@id']).toBe(`${BASE}/stories/${DEMO_STORY.en}?locale=en`);
    expect(value(article, 'headline')).toBe('In Turin, national trade union representatives discuss the challenges of modern communication');
    expect(value(article, 'inLanguage')).toBe('en');
    expect(Date.parse(String(value(article, 'datePublished')))).not.toBeNaN();
    expect(Date.parse(String(value(article, 'dateModified')))).toBeGreaterThanOrEqual(Date.parse(String(value(article, 'datePublished'))));
    expect(value(article, 'license')).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(all(article, 'about').map((topic) => value(topic, 'name'))).toEqual(expect.arrayContaining(['Advocacy', 'Communication', 'Union revitalisation']));

    // The FPRK is a federation of unions.
    const publisher = first(article, 'publisher');
    expect(publisher['@type']).toEqual([`${S}WorkersUnion`]);
    expect(value(publisher, 'name')).toBe('Federation of Trade Unions of the Republic of Kazakhstan');
    expect(value(first(publisher, 'address'), 'addressCountry')).toBe('KZ');

    // Written here, not received from a partner.
    expect(has(article, 'isBasedOn')).toBe(false);
  });

  it('links the language versions both ways', async () => {
    const english = await expanded(`/api/structured-data/stories/${DEMO_STORY.en}`);
    const russian = await expanded(`/api/structured-data/stories/${DEMO_STORY.ru}?locale=ru`);
    expect(value(russian, 'inLanguage')).toBe('ru');
    expect(value(russian, 'headline')).toBe('В Турине представители Национальных профсоюзов обсуждают проблемы современных коммуникаций');

    const translation = first(english, 'workTranslation');
    expect(translation['@type']).toEqual([`${S}NewsArticle`]);
    expect(translation['@id']).toBe(russian['@id']);
    expect(value(translation, 'inLanguage')).toBe('ru');
    expect(has(english, 'translationOfWork')).toBe(false);

    const original = first(russian, 'translationOfWork');
    expect(original['@id']).toBe(english['@id']);
    expect(value(original, 'inLanguage')).toBe('en');
    expect(has(russian, 'workTranslation')).toBe(false);
  });

  it('gives a story received from a partner isBasedOn its original with the original publisher', async () => {
    const article = await expanded(`/api/structured-data/stories/${PARTNER_STORY.en}?locale=en`);
    const original = first(article, 'isBasedOn');
    expect(original['@type']).toEqual([`${S}CreativeWork`]);
    expect(value(original, 'url')).toBe(ORIGINAL_URL);
    const originalPublisher = first(original, 'publisher');
    expect(originalPublisher['@type']).toEqual([`${S}EducationalOrganization`]);
    expect(value(originalPublisher, 'name')).toBe('International Training Centre of the ILO');

    // Its own publisher (ACTRAV) with its parent organisation; its own licence and page.
    const publisher = first(article, 'publisher');
    expect(publisher['@type']).toEqual([`${S}Organization`]);
    expect(value(publisher, 'alternateName')).toBe('ACTRAV');
    expect(value(first(publisher, 'parentOrganization'), 'alternateName')).toBe('ILO');
    expect(value(article, 'license')).toBe('https://creativecommons.org/licenses/by-sa/4.0/');
    expect(value(article, 'url')).toBe('https://union.example.net/en/stories/youth-organising');

    const russian = await expanded(`/api/structured-data/stories/${PARTNER_STORY.ru}?locale=ru`);
    expect(first(russian, 'translationOfWork')['@id']).toBe(article['@id']);
    expect(value(first(russian, 'isBasedOn'), 'url')).toBe(ORIGINAL_URL);
  });

  it('is safe to embed in a <script> element and reads back the same text', async () => {
    const res = await get(`/api/structured-data/stories/${PARTNER_STORY.en}?locale=en`);
    expect(res.text).toContain('\\u003c/script\\u003e\\u003cb\\u003efirst\\u003c/b\\u003e \\u0026 win');
    expect(JSON.parse(res.text).description).toBe('Young workers organise </script><b>first</b> & win');
  });

  it.each([
    ['through the response cache', true],
    ['computed by the plugin', false],
  ])('answers a conditional GET with 304 and no body (%s)', async (_how, cached) => {
    const cache = responseCache(strapi);
    if (!cached) cache?.setEnabled(false);
    try {
      const path = `/api/structured-data/stories/${DEMO_STORY.en}?locale=en`;
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.etag).toMatch(/^"[^"]+"$/);
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      if (!cached) expect(res.headers['x-cache']).toBeUndefined();
      // fetch() sends no-cache with every conditional request it builds.
      const again = await get(path, { 'If-None-Match': res.headers.etag, 'Cache-Control': 'no-cache' });
      expect(again.status).toBe(304);
      expect(again.text ?? '').toBe('');
      const other = await get(path, { 'If-None-Match': '"something-else"' });
      expect(other.status).toBe(200);
    } finally {
      cache?.setEnabled(true);
    }
  });

  it('changes its ETag when the story is edited and published again', async () => {
    const path = `/api/structured-data/stories/${PARTNER_STORY.en}?locale=en`;
    const before = await get(path);
    const story = await strapi.documents(STORY).findFirst({ locale: 'en', filters: { slug: PARTNER_STORY.en }, fields: ['documentId'] });
    if (!story) throw new Error('fixture: no partner story');
    await strapi.documents(STORY).update({ documentId: story.documentId, locale: 'en', data: { title: 'Partner story on youth organising, updated' } });
    // A draft edit is private: the answer does not change.
    const drafted = await get(path, { 'If-None-Match': before.headers.etag });
    expect(drafted.status).toBe(304);
    await strapi.documents(STORY).publish({ documentId: story.documentId, locale: 'en' });
    const after = await get(path, { 'If-None-Match': before.headers.etag });
    expect(after.status).toBe(200);
    expect(JSON.parse(after.text).headline).toBe('Partner story on youth organising, updated');
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('is a 404 for an unknown slug, a draft, a slug of another locale and a slug that cannot exist', async () => {
    for (const path of [
      '/api/structured-data/stories/no-such-story',
      `/api/structured-data/stories/${DRAFT_STORY}`,
      `/api/structured-data/stories/${DEMO_STORY.ru}?locale=en`,
      '/api/structured-data/stories/Not_A_Slug',
    ]) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ data: null, error: { status: 404, name: 'NotFoundError', message: expect.any(String), details: {} } });
    }
  });
});

describe('GET /api/structured-data/guides/:slug', () => {
  it('is a Book with its ISBN, edition, date, publisher, audience and file', async () => {
    const book = await expanded(`/api/structured-data/guides/${ADVOCACY_GUIDE}?locale=en`);
    expect(book['@type']).toEqual([`${S}Book`]);
    expect(book['@id']).toBe(`${BASE}/guides/${ADVOCACY_GUIDE}?locale=en`);
    expect(value(book, 'name')).toBe("Advocacy for strengthening workers' organisations");
    expect(value(book, 'isbn')).toBe(GUIDE_ISBN);
    expect(value(book, 'bookEdition')).toBe('1st edition');
    expect(value(book, 'datePublished')).toBe('2025-03-28');
    expect(value(book, 'inLanguage')).toBe('en');
    expect(value(first(book, 'isPartOf'), 'name')).toBe('Union communication');

    const publisher = first(book, 'publisher');
    expect(publisher['@type']).toEqual([`${S}Organization`]);
    expect(value(publisher, 'alternateName')).toBe('ACTRAV');
    expect(value(first(publisher, 'parentOrganization'), 'alternateName')).toBe('ILO');

    const audiences = all(book, 'audience');
    expect(audiences.every((audience) => (audience['@type'] as string[])[0] === `${S}Audience`)).toBe(true);
    expect(audiences.map((audience) => value(audience, 'audienceType'))).toEqual(
      expect.arrayContaining(['Young workers', 'Women', 'Migrant workers', 'Informal economy', 'Digital economy']),
    );

    const encoding = first(book, 'encoding');
    expect(encoding['@type']).toEqual([`${S}MediaObject`]);
    expect(value(encoding, 'contentUrl')).toBe('http://cms.test/uploads/advocacy-en.pdf');
    expect(value(encoding, 'encodingFormat')).toBe('application/pdf');
    expect(value(encoding, 'inLanguage')).toBe('en');

    // The Russian version, with its own file.
    const russian = first(book, 'workExample');
    expect(russian['@type']).toEqual([`${S}Book`]);
    expect(russian['@id']).toBe(`${BASE}/guides/${ADVOCACY_GUIDE}?locale=ru`);
    expect(value(russian, 'inLanguage')).toBe('ru');
    expect(value(first(russian, 'encoding'), 'contentUrl')).toBe('http://cms.test/uploads/advocacy-ru.pdf');
    expect(all(book, 'workExample')).toHaveLength(1);
  });

  it('links the guide it continues and the one continuing it', async () => {
    const advocacy = await expanded(`/api/structured-data/guides/${ADVOCACY_GUIDE}?locale=en`);
    const continued = first(advocacy, 'isBasedOn');
    expect(continued['@type']).toEqual([`${S}Book`]);
    expect(continued['@id']).toBe(`${BASE}/guides/${COMMUNICATION_GUIDE}?locale=en`);
    expect(value(continued, 'name')).toBe("Communication for impact: a guide for strengthening workers' organisations");

    const communication = await expanded(`/api/structured-data/guides/${COMMUNICATION_GUIDE}?locale=en`);
    expect(has(communication, 'isBasedOn')).toBe(false);
    const continuing = (communication['@reverse'] as Expanded)[`${S}isBasedOn`] as Expanded[];
    expect(continuing.map((node) => node['@id'])).toEqual([advocacy['@id']]);
    expect(continuing[0]['@type']).toEqual([`${S}Book`]);
    // A guide with no file has no encoding.
    expect(has(communication, 'encoding')).toBe(false);
  });

  it('speaks the requested language', async () => {
    const book = await expanded(`/api/structured-data/guides/${ADVOCACY_GUIDE}?locale=ru`);
    expect(value(book, 'name')).toBe('Руководство по адвокации для укрепления организаций трудящихся');
    expect(value(first(book, 'encoding'), 'contentUrl')).toBe('http://cms.test/uploads/advocacy-ru.pdf');
    expect(first(book, 'workExample')['@id']).toBe(`${BASE}/guides/${ADVOCACY_GUIDE}?locale=en`);
    expect(value(first(book, 'isBasedOn'), 'name')).toBe('Коммуникация для достижения эффекта: Руководство по укреплению организаций трудящихся');
  });
});

describe('drafts', () => {
  it('never links a translation or a continuing guide that is only a draft', async () => {
    const story = await strapi.documents(STORY).create({
      locale: 'en',
      data: {
        title: 'Story with a draft translation',
        slug: 'story-with-a-draft-translation',
        licence: 'LicenseRef-all-rights-reserved',
      },
    });
    await strapi.documents(STORY).publish({ documentId: story.documentId, locale: 'en' });
    await strapi.documents(STORY).update({
      documentId: story.documentId,
      locale: 'fr',
      data: { title: 'Article avec une traduction en brouillon', slug: 'article-avec-une-traduction-en-brouillon', licence: 'LicenseRef-all-rights-reserved' },
    });

    const article = await expanded('/api/structured-data/stories/story-with-a-draft-translation?locale=en');
    expect(has(article, 'workTranslation')).toBe(false);
    expect(has(article, 'translationOfWork')).toBe(false);
    // All rights reserved has no licence URL; without a canonical page the resource stands in.
    expect(has(article, 'license')).toBe(false);
    expect(value(article, 'url')).toBe(article['@id']);
    expect((await get('/api/structured-data/stories/article-avec-une-traduction-en-brouillon?locale=fr')).status).toBe(404);

    const communication = await documentIdOf(GUIDE, COMMUNICATION_GUIDE);
    await strapi
      .documents(GUIDE)
      .create({ locale: 'en', data: { title: 'Second guide, still a draft', slug: 'second-guide-still-a-draft', continues: communication } });
    const book = await expanded(`/api/structured-data/guides/${COMMUNICATION_GUIDE}?locale=en`);
    const continuing = (book['@reverse'] as Expanded)[`${S}isBasedOn`] as Expanded[];
    expect(continuing.map((node) => node['@id'])).toEqual([`${BASE}/guides/${ADVOCACY_GUIDE}?locale=en`]);
    expect((await get('/api/structured-data/guides/second-guide-still-a-draft')).status).toBe(404);
  });
});

describe('GET /api/structured-data/organisations/:slug', () => {
  it('is a WorkersUnion for a federation of unions, with its country', async () => {
    const union = await expanded('/api/structured-data/organisations/fprk?locale=en');
    expect(union['@type']).toEqual([`${S}WorkersUnion`]);
    expect(union['@id']).toBe(`${BASE}/organisations/fprk?locale=en`);
    expect(value(union, 'name')).toBe('Federation of Trade Unions of the Republic of Kazakhstan');
    expect(value(union, 'alternateName')).toBe('FPRK');
    const address = first(union, 'address');
    expect(address['@type']).toEqual([`${S}PostalAddress`]);
    expect(value(address, 'addressCountry')).toBe('KZ');
    expect(has(union, 'parentOrganization')).toBe(false);
  });

  it('gives an organisation its parent, its sub-organisations, its website and its logo', async () => {
    const centre = await expanded('/api/structured-data/organisations/itc-ilo?locale=en');
    expect(centre['@type']).toEqual([`${S}EducationalOrganization`]);
    expect(value(centre, 'url')).toBe('https://www.itcilo.org/');
    const logo = first(centre, 'logo');
    expect(logo['@type']).toEqual([`${S}ImageObject`]);
    expect(value(logo, 'url')).toBe('http://cms.test/uploads/itc-ilo-logo.png');
    expect(value(logo, 'width')).toBe(240);

    const parent = first(centre, 'parentOrganization');
    expect(parent['@type']).toEqual([`${S}Organization`]);
    expect(parent['@id']).toBe(`${BASE}/organisations/ilo?locale=en`);
    expect(value(parent, 'name')).toBe('International Labour Organization');

    const children = all(centre, 'subOrganization');
    expect(children.map((child) => child['@id'])).toEqual([`${BASE}/organisations/itc-ilo-innovation-lab?locale=en`]);
    expect(value(children[0], 'name')).toBe('ITC-ILO Innovation Lab');

    const ilo = await expanded('/api/structured-data/organisations/ilo?locale=ru');
    expect(value(ilo, 'name')).toBe('Международная организация труда');
    expect(all(ilo, 'subOrganization').map((child) => value(child, 'alternateName'))).toEqual(expect.arrayContaining(['ACTRAV', 'МУЦ МОТ']));
  });

  it('writes two levels of parents', async () => {
    const lab = await expanded('/api/structured-data/organisations/itc-ilo-innovation-lab');
    const parent = first(lab, 'parentOrganization');
    expect(value(parent, 'alternateName')).toBe('ITC-ILO');
    expect(value(first(parent, 'parentOrganization'), 'alternateName')).toBe('ILO');
    expect(value(lab, 'description')).toBe('Officially launched on 28 March at the International Training Centre of the ILO in Turin.');
  });
});

describe('every route', () => {
  const ROUTES = [`stories/${DEMO_STORY.en}`, `guides/${ADVOCACY_GUIDE}`, 'organisations/itc-ilo'];

  it.each(ROUTES)('%s: an unknown slug is a 404 NotFoundError', async (route) => {
    const res = await get(`/api/structured-data/${route.split('/')[0]}/no-such-slug`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ data: null, error: { status: 404, name: 'NotFoundError', message: expect.any(String), details: {} } });
  });

  it.each(
    ROUTES.flatMap((route) => [
      [route, 'locale=xx', ['locale']],
      [route, 'locale=EN!', ['locale']],
      [route, 'locale[]=en', ['locale']],
      [route, 'populate=*', []],
    ]),
  )('%s?%s is a 400 ValidationError', async (route, query, path) => {
    const res = await get(`/api/structured-data/${route}?${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
    expect(res.body.error.details.errors[0].path).toEqual(path);
  });

  it('describes itself for the OpenAPI document, and its answers fit the schemas it documents', async () => {
    const routers = strapi.plugin('structured-data').routes;
    if (Array.isArray(routers)) throw new Error('the plugin declares its routes by type (content-api)');
    const { routes } = routers['content-api'];
    expect(routes.map((route) => route.path)).toEqual(['/stories/:slug', '/guides/:slug', '/organisations/:slug']);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const answers: Record<string, string[]> = {
      '/stories/:slug': [`stories/${DEMO_STORY.en}`, `stories/${PARTNER_STORY.ru}?locale=ru`],
      '/guides/:slug': [`guides/${ADVOCACY_GUIDE}`, `guides/${COMMUNICATION_GUIDE}?locale=ru`],
      '/organisations/:slug': ['organisations/itc-ilo', 'organisations/fprk?locale=ru'],
    };
    for (const route of routes) {
      const config: Record<string, unknown> = { ...route.config };
      expect(config.publicCache).toBe(true);
      const operation = config.openapi as { responses: { '200': { content: { 'application/ld+json': { schema: object } } } } };
      expect(operation).toMatchObject({
        summary: expect.any(String),
        description: expect.any(String),
        parameters: [
          { name: 'slug', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'locale', in: 'query', required: false, schema: { type: 'string' } },
        ],
        responses: { '200': { description: expect.any(String), content: { 'application/ld+json': { schema: { type: 'object' } } } } },
      });
      const validate = ajv.compile(operation.responses['200'].content['application/ld+json'].schema);
      for (const path of answers[route.path]) {
        const res = await get(`/api/structured-data/${path}`);
        expect(res.status).toBe(200);
        expect([path, validate(JSON.parse(res.text)) ? [] : validate.errors]).toEqual([path, []]);
      }
    }
  });

  it('never shows participant data in any answer', () => {
    // Every answer of this file, 200s and errors alike (this test runs last).
    expect(bodies.length).toBeGreaterThan(30);
    for (const body of bodies) {
      for (const secret of [...PRIVATE_STRINGS, NON_CONSENTING_NAME, 'Takhmina', 'Kubasheva', 'Тахмина', 'Course participant'])
        expect(body).not.toContain(secret);
      if (body) expect(findLeaks(JSON.parse(body))).toEqual([]);
    }
  });
});
