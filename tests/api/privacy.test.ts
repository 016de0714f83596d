import type { Core } from '@strapi/strapi';
import { findLeaks, NON_CONSENTING_NAME } from '../helpers/content';
import { bootStrapi, http } from '../helpers/strapi';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi());
});
afterAll(async () => teardown());

const TYPES = ['stories', 'events', 'participants', 'organisations', 'guides', 'topics'];

/** The deepest populate a client can write for an event's participants. */
const DEEP_EVENT_POPULATE =
  'populate[participations][populate][participant][populate][organisation][populate][parent][populate][0]=parent' +
  '&populate[participations][populate][participant][populate][localizations]=true' +
  '&populate[organisers][populate][parent][populate][0]=parent&populate[guides][populate][0]=publisher';

const get = async (path: string) => {
  const res = await http(strapi).get(path);
  expect(res.status).toBe(200);
  return res.body;
};

describe('leak scan over every public REST response', () => {
  const paths = [
    ...TYPES.flatMap((type) => [`/api/${type}`, `/api/${type}?populate=*`, `/api/${type}?locale=ru&populate=*`]),
    `/api/events?${DEEP_EVENT_POPULATE}`,
    `/api/events?locale=ru&${DEEP_EVENT_POPULATE}`,
    '/api/events?populate[participations][populate]=*',
    '/api/participants?populate[organisation][populate]=*&populate[localizations][populate]=*',
    '/api/stories?populate[events][populate][participations][populate][participant][populate][0]=organisation',
  ];

  it.each(paths)('%s reveals no private field, admin user or non-consenting participant', async (path) => {
    expect(findLeaks(await get(path))).toEqual([]);
  });

  it('each document by id reveals nothing either', async () => {
    for (const type of TYPES) {
      const { data } = await get(`/api/${type}?populate=*`);
      for (const item of data as Array<{ documentId: string }>) {
        expect(findLeaks(await get(`/api/${type}/${item.documentId}?populate=*`))).toEqual([]);
      }
    }
  });

  it('the consenting participant is shown, with the public fields only', async () => {
    const { data } = await get(`/api/events?${DEEP_EVENT_POPULATE}`);
    const participants = data[0].participations.map((participation: { participant: unknown }) => participation.participant);
    // The non-consenting participant's participation is not listed at all: no empty row, no role.
    expect(participants.map((p: { fullName: string }) => p.fullName)).toEqual(['Takhmina Kubasheva']);
  });

  it('a non-consenting participant is not found by id and not counted', async () => {
    const hidden = await strapi.db.query('api::participant.participant').findOne({ where: { fullName: NON_CONSENTING_NAME } });
    const res = await http(strapi).get(`/api/participants/${hidden.documentId}`);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });
    const { meta } = await get('/api/participants');
    expect(meta.pagination.total).toBe(1);
  });
});

describe('filters and sorts on private data reveal nothing', () => {
  it.each([
    '/api/participants?filters[email][$eq]=t.kubasheva@example.org',
    '/api/participants?filters[email][$contains]=example',
    '/api/participants?filters[phone][$startsWith]=%2B7',
    '/api/participants?sort=email',
    '/api/participants?sort[0]=phone:desc',
    '/api/participants?fields[0]=email',
    '/api/events?filters[participations][participant][email][$contains]=example',
    '/api/events?sort=participations.participant.fullName',
    '/api/stories?filters[createdBy][email][$contains]=a',
  ])('%s is refused with a 400 that says nothing of the data', async (path) => {
    const res = await http(strapi).get(path);
    expect(res.status).toBe(400);
    expect(res.body.data).toBeNull();
    expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect(findLeaks(res.body)).toEqual([]);
  });

  it('filtering events by a non-consenting name answers as for a name nobody has', async () => {
    const byName = async (name: string) => await get(`/api/events?filters[participations][participant][fullName][$eq]=${encodeURIComponent(name)}`);
    const hidden = await byName(NON_CONSENTING_NAME);
    expect(hidden).toEqual(await byName('Nobody at all'));
    expect(hidden.data).toEqual([]);
    expect((await byName('Takhmina Kubasheva')).data).toHaveLength(1);
  });

  it('filtering participants by consent cannot list the others', async () => {
    const res = await http(strapi).get('/api/participants?filters[publicConsent][$eq]=false');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
    expect(res.body.meta.pagination.total).toBe(0);
  });
});

describe('leak scan over GraphQL', () => {
  const gql = async (query: string) => http(strapi).post('/graphql').send({ query });

  it.each([
    '{ participants { fullName position country organisation { name } } }',
    '{ participants(locale: "ru") { fullName position } }',
    '{ participants_connection { nodes { fullName } pageInfo { total } } }',
    '{ events { title participations { role participant { fullName position country organisation { name parent { name } } } } } }',
    '{ events(locale: "ru") { participations { participant { fullName localizations { fullName position } } } } }',
    '{ stories { title events { participations { participant { fullName } } } publisher { name } } }',
  ])('%s shows no private field and no non-consenting participant', async (query) => {
    const res = await gql(query);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(findLeaks(res.body)).toEqual([]);
  });

  it('the participant count is of consenting participants only', async () => {
    const res = await gql('{ participants_connection { pageInfo { total } } }');
    expect(res.body.data.participants_connection.pageInfo.total).toBe(1);
  });

  it('a non-consenting participant by document id is null', async () => {
    const hidden = await strapi.db.query('api::participant.participant').findOne({ where: { fullName: NON_CONSENTING_NAME } });
    const res = await gql(`{ participant(documentId: "${hidden.documentId}") { fullName } }`);
    expect(res.body.data.participant).toBeNull();
  });

  it.each([
    '{ participants { email } }',
    '{ participants { phone } }',
    '{ participants(filters: { email: { contains: "example" } }) { fullName } }',
    '{ participants(sort: "email") { fullName } }',
    '{ stories { createdBy { email } } }',
  ])('%s is an error that reveals nothing', async (query) => {
    const res = await gql(query);
    expect(res.body.errors?.length).toBeGreaterThan(0);
    expect(res.body.data?.participants ?? []).toEqual([]);
    expect(findLeaks(res.body)).toEqual([]);
  });

  it('filtering events through a non-consenting participant finds nothing, as for a made-up name', async () => {
    const byName = (name: string) => gql(`{ events(filters: { participations: { participant: { fullName: { eq: "${name}" } } } }) { title } }`);
    const hidden = await byName(NON_CONSENTING_NAME);
    expect(hidden.body).toEqual({ data: { events: [] } });
    expect((await byName('Nobody at all')).body).toEqual(hidden.body);
    expect((await byName('Takhmina Kubasheva')).body.data.events).toHaveLength(1);
  });
});
