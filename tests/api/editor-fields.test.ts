import type { Core } from '@strapi/strapi';
import { LICENCES } from '@union-comms/kit';
import { adminToken } from '../helpers/admin';
import { createFullAccessToken } from '../helpers/content';
import { bootStrapi, http } from '../helpers/strapi';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let admin: string;
let token: string;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi());
  admin = await adminToken(strapi);
  token = await createFullAccessToken(strapi);
});
afterAll(async () => teardown());

type Attribute = { type: string; customField?: string } & Record<string, unknown>;
type ContentTypeSchema = { uid: string; attributes: Record<string, Attribute> };

/** What the admin's Content Manager is told about a type's or component's attributes. */
const adminAttributes = async (path: 'content-types' | 'components', uid: string): Promise<Record<string, Attribute>> => {
  const res = await http(strapi).get(`/content-manager/${path}`).set('Authorization', `Bearer ${admin}`).expect(200);
  const schema = (res.body as { data: ContentTypeSchema[] }).data.find((entry) => entry.uid === uid);
  if (!schema) throw new Error(`no ${uid} in /content-manager/${path}`);
  return schema.attributes;
};

describe('the admin gets pickers on the same stored types', () => {
  it('marks each attribute with its custom field, keeping its type and every rule', async () => {
    const event = await adminAttributes('content-types', 'api::event.event');
    expect(event.startsAt).toMatchObject({ type: 'datetime', customField: 'plugin::editor-fields.zoned-datetime', required: true });
    expect(event.endsAt).toMatchObject({ type: 'datetime', customField: 'plugin::editor-fields.zoned-datetime', required: true });
    expect(event.timeZone).toMatchObject({ type: 'string', customField: 'plugin::editor-fields.time-zone', required: true, default: 'UTC', maxLength: 64 });
    const story = await adminAttributes('content-types', 'api::story.story');
    expect(story.licence).toMatchObject({ type: 'string', customField: 'plugin::editor-fields.licence', required: true, default: 'CC-BY-4.0' });
    for (const uid of ['api::organisation.organisation', 'api::participant.participant']) {
      const attributes = await adminAttributes('content-types', uid);
      expect(attributes.country).toMatchObject({ type: 'string', customField: 'plugin::editor-fields.country', regex: '^[A-Z]{2}$', maxLength: 2 });
    }
    const venue = await adminAttributes('components', 'shared.venue');
    expect(venue.country).toMatchObject({ type: 'string', customField: 'plugin::editor-fields.country', required: true, regex: '^[A-Z]{2}$' });
  });
});

describe('GET /editor-fields/licences', () => {
  it('lists the licences the server accepts, by SPDX id with a name', async () => {
    const res = await http(strapi).get('/editor-fields/licences').set('Authorization', `Bearer ${admin}`).expect(200);
    const licences = (res.body as { data: Array<{ id: string; name: string; url: string | null }> }).data;
    expect(licences.map((licence) => licence.id)).toEqual(Object.keys(LICENCES));
    expect(licences[0]).toEqual({
      id: 'CC-BY-4.0',
      name: 'Creative Commons Attribution 4.0 International',
      url: 'https://creativecommons.org/licenses/by/4.0/',
    });
    expect(licences.find((licence) => licence.id === 'LicenseRef-all-rights-reserved')).toEqual({
      id: 'LicenseRef-all-rights-reserved',
      name: 'All rights reserved',
      url: null,
    });
  });

  it('is refused without an admin session, in Strapi’s error shape', async () => {
    const anonymous = await http(strapi).get('/editor-fields/licences').expect(401);
    expect(anonymous.body).toMatchObject({ data: null, error: { status: 401, name: 'UnauthorizedError' } });
    // A content API token is not an admin session.
    await http(strapi).get('/editor-fields/licences').set('Authorization', `Bearer ${token}`).expect(401);
  });
});

describe('API clients see no change', () => {
  type Field = { name: string; type: { kind: string; name: string | null; ofType: { name: string | null } | null } };

  const fieldsOf = async (typeName: string): Promise<Record<string, string>> => {
    const res = await http(strapi)
      .post('/graphql')
      .send({ query: `{ __type(name: "${typeName}") { fields { name type { kind name ofType { name } } } } }` })
      .expect(200);
    const fields = (res.body as { data: { __type: { fields: Field[] } | null } }).data.__type?.fields ?? [];
    // "String!" for a required attribute, "String" for an optional one.
    return Object.fromEntries(fields.map((field) => [field.name, field.type.kind === 'NON_NULL' ? `${field.type.ofType?.name}!` : String(field.type.name)]));
  };

  it('GraphQL types the custom fields as their stored types', async () => {
    expect(await fieldsOf('Event')).toMatchObject({ startsAt: 'DateTime!', endsAt: 'DateTime!', timeZone: 'String!' });
    expect(await fieldsOf('Story')).toMatchObject({ licence: 'String!' });
    expect(await fieldsOf('Organisation')).toMatchObject({ country: 'String' });
    expect(await fieldsOf('ComponentSharedVenue')).toMatchObject({ country: 'String!' });
  });

  it('REST stores and returns the same codes and UTC instants', async () => {
    const data = {
      title: 'Picker course',
      slug: 'picker-course',
      startsAt: '2025-03-24T08:00:00.000Z',
      endsAt: '2025-03-28T16:00:00.000Z',
      timeZone: 'Europe/Rome',
      venue: { city: 'Turin', country: 'IT' },
    };
    const created = await http(strapi).post('/api/events?status=published').set('Authorization', `Bearer ${token}`).send({ data }).expect(201);
    const documentId = (created.body as { data: { documentId: string } }).data.documentId;
    const res = await http(strapi).get(`/api/events/${documentId}?populate=venue`).expect(200);
    expect(res.body.data).toMatchObject({
      startsAt: '2025-03-24T08:00:00.000Z',
      endsAt: '2025-03-28T16:00:00.000Z',
      timeZone: 'Europe/Rome',
      venue: { city: 'Turin', country: 'IT' },
    });
  });

  it('the server still refuses a code the pickers would not offer, and stores nothing', async () => {
    const before = await strapi.db.query('api::event.event').count();
    const res = await http(strapi)
      .post('/api/events')
      .set('Authorization', `Bearer ${token}`)
      .send({
        data: {
          title: 'Typo course',
          slug: 'typo-course',
          startsAt: '2025-01-20T08:00:00.000Z',
          endsAt: '2025-01-20T16:00:00.000Z',
          timeZone: 'Europe/Turin',
          venue: { city: 'Turin', country: 'XX' },
        },
      })
      .expect(400);
    expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
    expect(JSON.stringify(res.body.error.details)).toMatch(/IANA time zone/);
    expect(JSON.stringify(res.body.error.details)).toMatch(/ISO 3166-1/);
    expect(await strapi.db.query('api::event.event').count()).toBe(before);
  });
});
