import type { Core } from '@strapi/strapi';
import { bootStrapi, http } from '../helpers/strapi';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi());
});
afterAll(async () => teardown());

type Item = Record<string, unknown> & { documentId: string; locale: string };
const list = async (path: string): Promise<Item[]> => {
  const res = await http(strapi).get(path).expect(200);
  return res.body.data as Item[];
};

describe('public read of each type in two locales', () => {
  it('stories: the Turin story in English by default and in Russian with locale=ru, as one document', async () => {
    const en = await list('/api/stories');
    const ru = await list('/api/stories?locale=ru');
    expect(en.map((story) => story.title)).toEqual(['In Turin, national trade union representatives discuss the challenges of modern communication']);
    expect(ru.map((story) => story.title)).toEqual(['В Турине представители Национальных профсоюзов обсуждают проблемы современных коммуникаций']);
    expect(en[0].locale).toBe('en');
    expect(ru[0].locale).toBe('ru');
    expect(ru[0].documentId).toBe(en[0].documentId);
    expect(en[0].licence).toBe('CC-BY-4.0');
  });

  it('stories: a story found by slug and locale with its publisher, topics and events', async () => {
    const [story] = await list(
      '/api/stories?locale=ru&filters[slug][$eq]=v-turine-predstaviteli-nacionalnyh-profsoyuzov-obsuzhdayut-kommunikacii&populate[0]=publisher&populate[1]=topics&populate[2]=events',
    );
    expect((story.publisher as Item).acronym).toBe('ФПРК');
    expect((story.topics as Item[]).map((topic) => topic.slug).sort()).toEqual(['advocacy', 'communication', 'union-revitalisation']);
    expect((story.events as Item[]).map((event) => event.slug)).toEqual(['turin-course-advocacy-union-revitalisation']);
  });

  it('events: the Turin course with its time zone, venue and organisers, in both locales', async () => {
    const populate = 'populate[0]=venue&populate[1]=organisers&populate[2]=guides';
    const [en] = await list(`/api/events?${populate}`);
    const [ru] = await list(`/api/events?locale=ru&${populate}`);
    expect(en.title).toBe('Information and advocacy work for union revitalisation');
    expect(ru.title).toBe('Информационно-пропагандистская деятельность в целях активизации деятельности профсоюзов');
    expect(en).toMatchObject({ timeZone: 'Europe/Rome', startsAt: '2025-03-24T08:00:00.000Z', format: 'in_person', eventStatus: 'scheduled' });
    expect(en.venue).toMatchObject({ city: 'Turin', country: 'IT' });
    expect((en.organisers as Item[]).map((organisation) => organisation.slug)).toEqual(['itc-ilo']);
    expect((ru.guides as Item[]).map((guide) => guide.slug)).toEqual(['advocacy-for-strengthening-workers-organisations']);
  });

  it('organisations: FPRK / ФПРК and the ILO family with parent links', async () => {
    const populate = 'populate[0]=parent&sort=slug';
    const en = await list(`/api/organisations?${populate}`);
    const ru = await list(`/api/organisations?locale=ru&${populate}`);
    expect(en.map((organisation) => organisation.slug)).toEqual(['actrav', 'fprk', 'ilo', 'itc-ilo', 'itc-ilo-innovation-lab']);
    const parentOf = (items: Item[], slug: string) => (items.find((item) => item.slug === slug)?.parent as Item | null)?.slug;
    expect(parentOf(en, 'actrav')).toBe('ilo');
    expect(parentOf(en, 'itc-ilo')).toBe('ilo');
    expect(parentOf(en, 'itc-ilo-innovation-lab')).toBe('itc-ilo');
    expect(en.find((item) => item.slug === 'fprk')?.acronym).toBe('FPRK');
    expect(ru.find((item) => item.slug === 'fprk')?.acronym).toBe('ФПРК');
    expect(ru.find((item) => item.slug === 'ilo')?.acronym).toBe('МОТ');
  });

  it('guides: the 2018 guide and its continuation, chained, in both locales', async () => {
    const en = await list('/api/guides?populate[0]=continues&populate[1]=audiences&sort=publicationDate');
    const ru = await list('/api/guides?locale=ru&populate[0]=continues&sort=publicationDate');
    expect(en.map((guide) => guide.slug)).toEqual(['communication-for-impact', 'advocacy-for-strengthening-workers-organisations']);
    expect((en[1].continues as Item).slug).toBe('communication-for-impact');
    expect((en[1].audiences as Item[]).map((topic) => topic.slug).sort()).toEqual(['digital-economy', 'informal-economy', 'migrant-workers', 'women', 'youth']);
    expect(ru[0].title).toBe('Коммуникация для достижения эффекта: Руководство по укреплению организаций трудящихся');
  });

  it('topics: names translated, slugs shared', async () => {
    const en = await list('/api/topics?sort=slug&pagination[pageSize]=100');
    const ru = await list('/api/topics?locale=ru&sort=slug&pagination[pageSize]=100');
    expect(en.map((topic) => topic.slug)).toEqual(ru.map((topic) => topic.slug));
    expect(en.find((topic) => topic.slug === 'migrant-workers')?.name).toBe('Migrant workers');
    expect(ru.find((topic) => topic.slug === 'migrant-workers')?.name).toBe('Трудящиеся-мигранты');
  });

  it('participants: only the consenting participant, in both locales', async () => {
    const en = await list('/api/participants');
    const ru = await list('/api/participants?locale=ru');
    expect(en.map((participant) => participant.fullName)).toEqual(['Takhmina Kubasheva']);
    expect(ru.map((participant) => participant.position)).toEqual(['Директор Департамента международного сотрудничества ФПРК']);
  });

  it('GraphQL serves the same content, per locale', async () => {
    const res = await http(strapi)
      .post('/graphql')
      .send({ query: '{ en: stories { title publisher { acronym } } ru: stories(locale: "ru") { title publisher { acronym } } }' })
      .expect(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.en[0].publisher.acronym).toBe('FPRK');
    expect(res.body.data.ru[0].publisher.acronym).toBe('ФПРК');
  });
});

it('outside production, /graphql serves the playground to a browser', async () => {
  const res = await http(strapi).get('/graphql').set('Accept', 'text/html').expect(200);
  expect(res.headers['content-type']).toMatch(/html/);
});

describe('drafts are never public', () => {
  let draftId: string;

  beforeAll(async () => {
    const draft = await strapi.documents('api::story.story').create({
      locale: 'en',
      data: { title: 'Unpublished draft about a strike', slug: 'unpublished-draft-about-a-strike', licence: 'CC-BY-4.0' },
    } as never);
    draftId = (draft as { documentId: string }).documentId;
  });

  it('a draft is absent from lists, by id, with status=draft, and in GraphQL', async () => {
    const titles = (await list('/api/stories?pagination[pageSize]=100')).map((story) => story.title);
    expect(titles).not.toContain('Unpublished draft about a strike');

    await http(strapi).get(`/api/stories/${draftId}`).expect(404);

    const asDraft = await http(strapi).get('/api/stories?status=draft');
    expect(asDraft.status).toBe(400);
    expect(asDraft.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect(JSON.stringify(asDraft.body)).not.toContain('Unpublished draft about a strike');

    for (const query of ['{ stories(status: DRAFT) { title } }', '{ stories_connection(status: DRAFT) { nodes { title } } }']) {
      const gql = await http(strapi).post('/graphql').send({ query });
      expect(JSON.stringify(gql.body)).not.toContain('Unpublished draft about a strike');
      expect(gql.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('the draft version of a published story is not served: edits stay private until published', async () => {
    const [published] = await list('/api/stories');
    await strapi.documents('api::story.story').update({
      documentId: published.documentId,
      locale: 'en',
      data: { title: 'Edited title not yet published' },
    } as never);
    const [again] = await list('/api/stories?filters[documentId][$eq]=' + published.documentId);
    expect(again.title).toBe(published.title);
    await strapi.documents('api::story.story').discardDraft({ documentId: published.documentId, locale: 'en' } as never);
  });
});
