import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { bootStrapi, http, ROOT } from '../helpers/strapi';
import { throwawaySecrets } from '../helpers/secrets';

/**
 * Locale fallback (src/i18n/fallback.ts, chains in config/locales.ts: kk → ru → en, fr → en):
 * asked for with `fallback=true` (REST) or `fallback: true` (GraphQL), each document appears
 * once, in the first locale of the chain in which it is published.
 *
 * The demo content has the Turin story in en and ru only. The tests add:
 * - "Almaty": en, ru and kk, all published;
 * - "Astana": en and ru published, with a kk translation that is a draft (never published).
 */

let strapi: Core.Strapi;
let teardown: () => Promise<void>;
const STORY = 'api::story.story';

type Item = { documentId: string; locale: string; title: string; slug: string };
let turin: string;
let almaty: string;
let astana: string;

const stories = () => strapi.documents(STORY);

const createStory = async (key: string, versions: Record<string, { title: string; publish: boolean }>): Promise<string> => {
  let documentId: string | undefined;
  for (const [locale, { title, publish }] of Object.entries(versions)) {
    const data = { title, slug: `${key}-${locale}`, licence: 'CC-BY-4.0' };
    const entry = documentId ? await stories().update({ documentId, locale, data }) : await stories().create({ locale, data });
    documentId = entry!.documentId;
    if (publish) await stories().publish({ documentId, locale });
  }
  return documentId!;
};

const list = async (query: string): Promise<{ data: Item[]; total: number; headers: Record<string, string> }> => {
  const res = await http(strapi).get(`/api/stories?${query}`).expect(200);
  return { data: res.body.data as Item[], total: res.body.meta.pagination.total as number, headers: res.headers as Record<string, string> };
};

const served = (items: Item[]) => items.map((item) => [item.documentId, item.locale]);

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi());
  turin = (await stories().findFirst({ locale: 'en', status: 'published' }))!.documentId;
  almaty = await createStory('almaty', {
    en: { title: 'Almaty congress opens', publish: true },
    ru: { title: 'В Алматы открылся съезд', publish: true },
    kk: { title: 'Алматыда съезд ашылды', publish: true },
  });
  astana = await createStory('astana', {
    en: { title: 'Astana seminar on safety', publish: true },
    ru: { title: 'Семинар в Астане по охране труда', publish: true },
    kk: { title: 'Астанадағы семинар (жоба)', publish: false },
  });
});
afterAll(async () => teardown());

describe('REST: fallback=true', () => {
  it('without it, nothing changes: a Kazakh list has only the Kazakh versions', async () => {
    const { data, total } = await list('locale=kk');
    expect(served(data)).toEqual([[almaty, 'kk']]);
    expect(total).toBe(1);
  });

  it('serves each document once, in the first locale of kk → ru → en it is published in, and counts documents', async () => {
    const { data, total, headers } = await list('locale=kk&fallback=true&sort=title:asc');
    expect(new Map(served(data) as Array<[string, string]>)).toEqual(
      new Map([
        [almaty, 'kk'],
        [astana, 'ru'], // its Kazakh version is a draft: invisible, as if it did not exist
        [turin, 'ru'],
      ]),
    );
    expect(data).toHaveLength(3);
    expect(total).toBe(3);
    expect(headers['content-language']).toBe('kk');
  });

  it('French falls back to English; English has no fallback', async () => {
    expect(served((await list('locale=fr&fallback=true&sort=title:asc')).data)).toEqual([
      [almaty, 'en'],
      [astana, 'en'],
      [turin, 'en'],
    ]);
    const en = await list('locale=en&fallback=true');
    expect(en.total).toBe(3);
    expect(new Set(en.data.map((item) => item.locale))).toEqual(new Set(['en']));
  });

  it('filters, sort and pagination apply to the served versions', async () => {
    // "Turin" is in the English title only: the Kazakh reader is served the Russian version.
    expect((await list('locale=kk&fallback=true&filters[title][$contains]=Turin')).total).toBe(0);
    expect(served((await list(`locale=kk&fallback=true&filters[title][$contains]=${encodeURIComponent('Турин')}`)).data)).toEqual([[turin, 'ru']]);
    // Sorted by the served titles: Алматыда (kk), В Турине (ru), Семинар (ru).
    const sorted = await list('locale=kk&fallback=true&sort=title:asc');
    expect(sorted.data.map((item) => item.title)).toEqual([
      'Алматыда съезд ашылды',
      'В Турине представители Национальных профсоюзов обсуждают проблемы современных коммуникаций',
      'Семинар в Астане по охране труда',
    ]);
    const page2 = await list('locale=kk&fallback=true&sort=title:asc&pagination[page]=2&pagination[pageSize]=2');
    expect(page2.data.map((item) => item.title)).toEqual(['Семинар в Астане по охране труда']);
    expect(page2.total).toBe(3);
  });

  it('a draft translation is invisible: the answer equals the one for a document with no translation at all', async () => {
    // Astana (kk draft) and Turin (no kk at all) are both served in Russian, and nothing about
    // the draft can be matched: filtering on its title finds nothing, as for a made-up title.
    const hidden = await list(`locale=kk&fallback=true&filters[title][$eq]=${encodeURIComponent('Астанадағы семинар (жоба)')}`);
    const madeUp = await list(`locale=kk&fallback=true&filters[title][$eq]=${encodeURIComponent('Астанадағы семинар (ойдан)')}`);
    expect(hidden.data).toEqual(madeUp.data);
    expect(hidden.total).toBe(madeUp.total);
    expect(hidden.total).toBe(0);
  });

  it('a single read by document id takes the first locale of the chain that has it', async () => {
    const res = await http(strapi).get(`/api/stories/${turin}?locale=kk&fallback=true`).expect(200);
    expect(res.body.data.locale).toBe('ru');
    expect(res.headers['content-language']).toBe('kk');
    await http(strapi).get(`/api/stories/${turin}?locale=kk`).expect(404);
    const almatyKk = await http(strapi).get(`/api/stories/${almaty}?locale=kk&fallback=true`).expect(200);
    expect(almatyKk.body.data.locale).toBe('kk');
  });

  it('the page cap and the drafts rule hold as without fallback', async () => {
    await http(strapi).get('/api/stories?locale=kk&fallback=true&pagination[pageSize]=101').expect(400);
    await http(strapi).get('/api/stories?locale=kk&fallback=true&status=draft').expect(400);
  });

  it('bad values are refused with a 400 in Strapi’s shape', async () => {
    const res = await http(strapi).get('/api/stories?locale=kk&fallback=maybe').expect(400);
    expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
    expect(res.body.error.details.errors[0].path).toEqual(['fallback']);
    await http(strapi).get('/api/stories?locale=xx&fallback=true').expect(400);
  });

  it('fallback serves; it never saves: no Kazakh row appears', async () => {
    const before = await strapi.db.query(STORY).count({ where: { locale: 'kk' } });
    await list('locale=kk&fallback=true');
    await http(strapi).get(`/api/stories/${turin}?locale=kk&fallback=true`).expect(200);
    expect(await strapi.db.query(STORY).count({ where: { locale: 'kk' } })).toBe(before);
  });
});

describe('GraphQL: fallback: true', () => {
  const gql = async (query: string) => {
    const res = await http(strapi).post('/graphql').send({ query }).expect(200);
    expect(res.body.errors).toBeUndefined();
    return res.body.data;
  };

  it('serves the same versions as REST, with the same total', async () => {
    const data = await gql(
      '{ stories(locale: "kk", fallback: true, sort: "title:asc") { documentId locale title } stories_connection(locale: "kk", fallback: true) { pageInfo { total } } }',
    );
    expect(data.stories.map((item: Item) => [item.documentId, item.locale])).toEqual([
      [almaty, 'kk'],
      [turin, 'ru'],
      [astana, 'ru'],
    ]);
    expect(data.stories_connection.pageInfo.total).toBe(3);
    const withoutFallback = await gql('{ stories(locale: "kk") { documentId } }');
    expect(withoutFallback.stories).toHaveLength(1);
  });

  it('a single story by document id', async () => {
    const data = await gql(`{ story(documentId: "${turin}", locale: "kk", fallback: true) { locale } }`);
    expect(data.story.locale).toBe('ru');
  });
});

describe('the response cache follows what fallback serves', () => {
  it('switches to a Kazakh translation once published, and to a new Russian version once edited', async () => {
    const path = `/api/stories?locale=kk&fallback=true&filters[documentId][$eq]=${turin}`;
    const first = await http(strapi).get(path).expect(200);
    expect(first.body.data[0].locale).toBe('ru');
    const repeat = await http(strapi).get(path).set('If-None-Match', first.headers.etag).expect(304);
    expect(repeat.headers.etag).toBe(first.headers.etag);
    // Without fallback, the same request is another answer (its own cache entry).
    expect((await http(strapi).get(`/api/stories?locale=kk&filters[documentId][$eq]=${turin}`).expect(200)).body.data).toEqual([]);

    await stories().update({ documentId: turin, locale: 'ru', data: { title: 'В Турине: обновлено' } });
    await stories().publish({ documentId: turin, locale: 'ru' });
    const edited = await http(strapi).get(path).expect(200);
    expect(edited.body.data[0].title).toBe('В Турине: обновлено');
    expect(edited.headers.etag).not.toBe(first.headers.etag);

    await stories().update({ documentId: turin, locale: 'kk', data: { title: 'Туринде кәсіподақ өкілдері', slug: 'turin-kk', licence: 'CC-BY-4.0' } });
    await stories().publish({ documentId: turin, locale: 'kk' });
    const translated = await http(strapi).get(path).expect(200);
    expect(translated.body.data[0].locale).toBe('kk');
    expect(translated.headers.etag).not.toBe(edited.headers.etag);
  });
});

describe('the fallback map is checked at boot', () => {
  const boot = (fallback: string): Promise<{ code: number | null; output: string }> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'seed.js')], {
        cwd: ROOT,
        // A database of its own (the check does not depend on the database's kind).
        env: {
          ...process.env,
          ...throwawaySecrets(),
          NODE_ENV: 'development',
          SEED_DEMO_CONTENT: 'false',
          LOCALE_FALLBACK: fallback,
          DATABASE_CLIENT: 'sqlite',
          DATABASE_FILENAME: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'union-comms-fallback-')), 'data.db'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, output }));
    });

  it('a locale the CMS does not have, a cycle, a malformed pair: the boot stops and says why', async () => {
    const [unknown, cycle, malformed] = await Promise.all([boot('kk:ru,ru:xx'), boot('kk:ru,ru:kk'), boot('kk-ru')]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.output).toMatch(/Locale fallback ru → xx: the CMS has no locale "xx"/);
    expect(cycle.code).not.toBe(0);
    expect(cycle.output).toMatch(/Locale fallback has a cycle: (kk → ru → kk|ru → kk → ru)/);
    expect(malformed.code).not.toBe(0);
    expect(malformed.output).toMatch(/LOCALE_FALLBACK: "kk-ru" is not of the form from:to/);
  });
});
