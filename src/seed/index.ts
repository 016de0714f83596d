import type { Core, Modules } from '@strapi/strapi';
import { EVENT, GUIDE, ORGANISATION, PARTICIPANT, STORY, TOPIC, type AppContentTypeUid } from '../domain/uids';
import * as demo from './demo-content';

type Locale = 'en' | 'ru';
const SEED_LOCALES: Locale[] = ['en', 'ru'];

/** The types with drafts (draftAndPublish in their schemas): the seed publishes what it creates of them. */
type EditorialUid = typeof STORY | typeof EVENT | typeof GUIDE;
const EDITORIAL_TYPES: ReadonlySet<AppContentTypeUid> = new Set<EditorialUid>([STORY, EVENT, GUIDE]);
const isEditorial = (uid: AppContentTypeUid): uid is EditorialUid => EDITORIAL_TYPES.has(uid);

export type SeedReport = { created: number; published: number };

/**
 * Loads the demo content. Idempotent: a document that exists (found by its slug) is left as
 * it is, so a second run changes nothing and an editor's later changes are never overwritten.
 */
export const seedDemoContent = async (strapi: Core.Strapi): Promise<SeedReport> => {
  const report: SeedReport = { created: 0, published: 0 };

  /**
   * Makes sure a document exists in the seed locales (found in English by `filters`),
   * creates what is missing and, for editorial types, publishes each locale once.
   */
  const ensure = async <TUid extends AppContentTypeUid>(
    uid: TUid,
    filters: Modules.Documents.Params.Filters.Any<TUid>,
    build: (locale: Locale) => Modules.Documents.Params.Data.Input<TUid>,
  ): Promise<string> => {
    const documents = strapi.documents(uid);
    // Found, or else created, in English; the other locales are added to that document.
    const found = await documents.findFirst({ locale: 'en', filters, fields: ['documentId'] });
    const documentId = found?.documentId ?? (await documents.create({ locale: 'en', data: build('en') })).documentId;
    if (!found) report.created += 1;

    for (const locale of SEED_LOCALES) {
      const justCreated = !found && locale === 'en';
      if (!justCreated && !(await documents.findOne({ documentId, locale, fields: ['documentId'] }))) {
        await documents.update({ documentId, locale, data: build(locale) });
        report.created += 1;
      }
      if (isEditorial(uid)) {
        const editorial = strapi.documents<EditorialUid>(uid);
        if (!(await editorial.findOne({ documentId, locale, status: 'published', fields: ['documentId'] }))) {
          await editorial.publish({ documentId, locale });
          report.published += 1;
        }
      }
    }
    return documentId;
  };

  const topicIds: Record<string, string> = {};
  for (const topic of demo.topics) {
    topicIds[topic.slug] = await ensure(TOPIC, { slug: topic.slug }, (locale) => ({ slug: topic.slug, name: topic.name[locale] }));
  }
  const topicRefs = (slugs: string[]) => slugs.map((slug) => topicIds[slug]);

  // Parents before children: every organisation's parent appears earlier in the list.
  const organisationIds: Record<string, string> = {};
  for (const organisation of demo.organisations) {
    organisationIds[organisation.slug] = await ensure(ORGANISATION, { slug: organisation.slug }, (locale) => ({
      slug: organisation.slug,
      kind: organisation.kind,
      country: organisation.country,
      website: organisation.website,
      name: organisation.name[locale],
      acronym: organisation.acronym?.[locale],
      description: organisation.description?.[locale],
      parent: organisation.parent ? organisationIds[organisation.parent] : undefined,
    }));
  }

  const guideIds: Record<string, string> = {};
  for (const guide of demo.guides) {
    guideIds[guide.slug] = await ensure(GUIDE, { slug: guide.slug }, (locale) => ({
      slug: guide.slug,
      publicationDate: guide.publicationDate,
      publisher: organisationIds[guide.publisher],
      continues: guide.continues ? guideIds[guide.continues] : undefined,
      audiences: topicRefs(guide.audiences),
      topics: topicRefs(guide.topics),
      title: guide.title[locale],
      summary: guide.summary[locale],
      series: guide.series?.[locale],
      edition: guide.edition?.[locale],
    }));
  }

  const participantIds: Record<string, string> = {};
  for (const participant of demo.participants) {
    participantIds[participant.key] = await ensure(PARTICIPANT, { fullName: participant.fullName }, (locale) => ({
      fullName: participant.fullName,
      organisation: organisationIds[participant.organisation],
      country: participant.country,
      publicConsent: participant.publicConsent,
      email: participant.email,
      phone: participant.phone,
      position: participant.position[locale],
    }));
  }

  const eventIds: Record<string, string> = {};
  for (const event of demo.events) {
    eventIds[event.slug] = await ensure(EVENT, { slug: event.slug }, (locale) => ({
      slug: event.slug,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      timeZone: event.timeZone,
      format: event.format,
      eventStatus: event.eventStatus,
      venue: event.venue,
      organisers: event.organisers.map((slug) => organisationIds[slug]),
      partners: event.partners.map((slug) => organisationIds[slug]),
      guides: event.guides.map((slug) => guideIds[slug]),
      topics: topicRefs(event.topics),
      participations: event.participations.map(({ participant, role }) => ({ participant: participantIds[participant], role })),
      title: event.title[locale],
      summary: event.summary[locale],
      body: event.body[locale],
    }));
  }

  for (const story of demo.stories) {
    await ensure(STORY, { slug: story.slug.en }, (locale) => ({
      slug: story.slug[locale],
      publisher: organisationIds[story.publisher],
      licence: story.licence,
      events: story.events.map((slug) => eventIds[slug]),
      guides: story.guides.map((slug) => guideIds[slug]),
      topics: topicRefs(story.topics),
      syndication: { allowed: true },
      title: story.title[locale],
      lead: story.lead[locale],
      body: story.body[locale],
    }));
  }

  return report;
};
