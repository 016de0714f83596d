import type { Core, UID } from '@strapi/strapi';
import ICAL from 'ical.js';

export const DEMO_SLUG = 'turin-course-advocacy-union-revitalisation';
export const EVENT_UID = 'api::event.event';
const ORGANISATION_UID = 'api::organisation.organisation' as UID.ContentType;
const TOPIC_UID = 'api::topic.topic' as UID.ContentType;

type EventData = Record<string, unknown>;

const documentIdBySlug = async (strapi: Core.Strapi, uid: UID.ContentType, slug: string): Promise<string> => {
  const found = (await strapi.documents(uid).findFirst({ locale: 'en', filters: { slug }, fields: ['documentId'] } as never)) as {
    documentId: string;
  } | null;
  if (!found) throw new Error(`fixture: no ${uid} "${slug}"`);
  return found.documentId;
};

/**
 * Creates an event in English as an editor would (through the document service), published
 * unless `publish` is false. Returns its documentId.
 */
export const createEvent = async (strapi: Core.Strapi, data: EventData & { slug: string }, { publish = true }: { publish?: boolean } = {}): Promise<string> => {
  const itcIlo = await documentIdBySlug(strapi, ORGANISATION_UID, 'itc-ilo');
  const advocacy = await documentIdBySlug(strapi, TOPIC_UID, 'advocacy');
  const created = (await strapi.documents(EVENT_UID).create({
    locale: 'en',
    data: {
      title: `Event ${data.slug}`,
      timeZone: 'Europe/Rome',
      format: 'in_person',
      eventStatus: 'scheduled',
      venue: { name: 'Test venue', city: 'Turin', country: 'IT' },
      organisers: [itcIlo],
      topics: [advocacy],
      ...data,
    },
  } as never)) as { documentId: string };
  if (publish) await strapi.documents(EVENT_UID).publish({ documentId: created.documentId, locale: 'en' } as never);
  return created.documentId;
};

/** Edits the English draft and publishes it, as an editor does in the admin panel. */
export const editAndPublish = async (strapi: Core.Strapi, documentId: string, data: EventData): Promise<void> => {
  await strapi.documents(EVENT_UID).update({ documentId, locale: 'en', data } as never);
  await strapi.documents(EVENT_UID).publish({ documentId, locale: 'en' } as never);
};

/** Parses an .ics body with ical.js, registering its VTIMEZONEs so times convert to UTC. */
export const parseCalendar = (body: string) => {
  const calendar = new ICAL.Component(ICAL.parse(body));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone);
  const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
  return { calendar, events };
};

export const eventBySummary = (events: ICAL.Event[], summary: string): ICAL.Event => {
  const event = events.find((candidate) => candidate.summary === summary);
  if (!event) throw new Error(`no VEVENT "${summary}" in ${events.map((candidate) => candidate.summary).join(', ')}`);
  return event;
};

/** Strings that must never leave the system: the demo participants' contact details. */
export const PRIVATE_STRINGS = ['t.kubasheva@example.org', '+7 700 000 00 01', 'no-consent@example.org', '+39 000 000 0000', 'example.org'];
export const NON_CONSENTING_NAME = 'Demo participant without consent';
