import type { Core, UID } from '@strapi/strapi';
import { EVENT, GUIDE, ORGANISATION, PARTICIPANT, STORY, TOPIC } from '../domain/uids';
import * as demo from './demo-content';

type Locale = 'en' | 'ru';
const SEED_LOCALES: Locale[] = ['en', 'ru'];

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
  const ensure = async (
    uid: UID.ContentType,
    filters: Record<string, unknown>,
    build: (locale: Locale) => Record<string, unknown>,
    { publish }: { publish: boolean },
  ): Promise<string> => {
    const documents = strapi.documents(uid);
    const found = await documents.findFirst({ locale: 'en', filters, fields: ['documentId'] } as never);
    let documentId = (found as { documentId?: string } | null)?.documentId;

    for (const locale of SEED_LOCALES) {
      if (!documentId) {
        const created = await documents.create({ locale, data: build(locale) } as never);
        documentId = (created as { documentId: string }).documentId;
        report.created += 1;
      } else if (!(await documents.findOne({ documentId, locale, fields: ['documentId'] } as never))) {
        await documents.update({ documentId, locale, data: build(locale) } as never);
        report.created += 1;
      }
      if (publish && !(await documents.findOne({ documentId, locale, status: 'published', fields: ['documentId'] } as never))) {
        await documents.publish({ documentId, locale } as never);
        report.published += 1;
      }
    }
    return documentId as string;
  };

  const topicIds: Record<string, string> = {};
  for (const topic of demo.topics) {
    topicIds[topic.slug] = await ensure(TOPIC, { slug: topic.slug }, (locale) => ({ slug: topic.slug, name: topic.name[locale] }), {
      publish: false,
    });
  }
  const topicRefs = (slugs: string[]) => slugs.map((slug) => topicIds[slug]);

  // Parents before children: every organisation's parent appears earlier in the list.
  const organisationIds: Record<string, string> = {};
  for (const organisation of demo.organisations) {
    organisationIds[organisation.slug] = await ensure(
      ORGANISATION,
      { slug: organisation.slug },
      (locale) => ({
        slug: organisation.slug,
        kind: organisation.kind,
        country: organisation.country ?? null,
        website: organisation.website ?? null,
        name: organisation.name[locale],
        acronym: organisation.acronym?.[locale] ?? null,
        description: organisation.description?.[locale] ?? null,
        parent: organisation.parent ? organisationIds[organisation.parent] : null,
      }),
      { publish: false },
    );
  }

  const guideIds: Record<string, string> = {};
  for (const guide of demo.guides) {
    guideIds[guide.slug] = await ensure(
      GUIDE,
      { slug: guide.slug },
      (locale) => ({
        slug: guide.slug,
        publicationDate: guide.publicationDate,
        publisher: organisationIds[guide.publisher],
        continues: guide.continues ? guideIds[guide.continues] : null,
        audiences: topicRefs(guide.audiences),
        topics: topicRefs(guide.topics),
        title: guide.title[locale],
        summary: guide.summary[locale],
        series: guide.series?.[locale] ?? null,
        edition: guide.edition?.[locale] ?? null,
      }),
      { publish: true },
    );
  }

  const participantIds: Record<string, string> = {};
  for (const participant of demo.participants) {
    participantIds[participant.key] = await ensure(
      PARTICIPANT,
      { fullName: participant.fullName },
      (locale) => ({
        fullName: participant.fullName,
        organisation: organisationIds[participant.organisation],
        country: participant.country,
        publicConsent: participant.publicConsent,
        email: participant.email,
        phone: participant.phone,
        position: participant.position[locale],
      }),
      { publish: false },
    );
  }

  const eventIds: Record<string, string> = {};
  for (const event of demo.events) {
    eventIds[event.slug] = await ensure(
      EVENT,
      { slug: event.slug },
      (locale) => ({
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
      }),
      { publish: true },
    );
  }

  for (const story of demo.stories) {
    await ensure(
      STORY,
      { slug: story.slug.en },
      (locale) => ({
        slug: story.slug[locale],
        publisher: organisationIds[story.publisher],
        licence: story.licence,
        events: story.events.map((slug) => eventIds[slug]),
        guides: story.guides.map((slug) => guideIds[slug]),
        topics: topicRefs(story.topics),
        syndication: { allowed: true, embargoUntil: null },
        title: story.title[locale],
        lead: story.lead[locale],
        body: story.body[locale],
      }),
      { publish: true },
    );
  }

  return report;
};
