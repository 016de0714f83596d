import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { EVENT } from '../../../../../src/domain/uids';
import { isRaw, text, toOrganisation, type OrganisationRecord, type Raw } from '../utils/records';

export type RosterEntry = {
  name: string;
  position: string | null;
  organisation: { slug: string; name: string; acronym: string | null; country: string | null } | null;
  country: string | null;
  role: string;
};

export type CountryCount = { country: string; count: number };
export type OrganisationCount = { organisation: { slug: string; name: string; acronym: string | null }; count: number };

export type ParticipantStatistics = {
  participants: number;
  countries: number;
  organisations: number;
  internationalOrganisations: number;
  byCountry: CountryCount[];
  byOrganisation: OrganisationCount[];
  /** Participants in groups too small to show on their own (see minimumGroupSize). */
  byCountryOther: number;
  byOrganisationOther: number;
  minimumGroupSize: number;
};

export type ParticipantsReport = {
  event: { slug: string; title: string; locale: string };
  roster: RosterEntry[];
  statistics: ParticipantStatistics;
};

/**
 * A count of a group is shown when it has at least this many people, or when every person
 * in it is on the public roster anyway. Smaller groups holding a non-consenting person go
 * into "other": "1 participant from <a small union>" would single that person out.
 */
export const MINIMUM_GROUP_SIZE = 3;

/** International: an international organisation or global union federation, or a body of one (ITC-ILO, part of the ILO). */
const INTERNATIONAL_KINDS = new Set(['international_organisation', 'global_union_federation']);
const isInternational = (organisation: OrganisationRecord): boolean =>
  (organisation.kind !== null && INTERNATIONAL_KINDS.has(organisation.kind)) ||
  (organisation.parent?.kind !== null && organisation.parent?.kind !== undefined && INTERNATIONAL_KINDS.has(organisation.parent.kind));

type Person = { consent: boolean; country: string | null; organisation: OrganisationRecord | null; entry: RosterEntry };

// Only these participant fields are ever read: email and phone are not even loaded.
const PARTICIPANT_FIELDS = ['fullName', 'position', 'country', 'publicConsent'];
const ORGANISATION_FIELDS = ['documentId', 'slug', 'name', 'acronym', 'kind', 'country'];

/** Groups people by `key`, showing a group's count only when it cannot single anyone out. */
const tally = <K>(people: Person[], key: (person: Person) => K | null, id: (key: K) => string) => {
  const groups = new Map<string, { key: K; people: Person[] }>();
  for (const person of people) {
    const value = key(person);
    if (value === null) continue;
    const group = groups.get(id(value)) ?? { key: value, people: [] };
    group.people.push(person);
    groups.set(id(value), group);
  }
  const shown: Array<{ key: K; count: number }> = [];
  let other = 0;
  for (const group of groups.values()) {
    const safe = group.people.length >= MINIMUM_GROUP_SIZE || group.people.every((person) => person.consent);
    if (safe) shown.push({ key: group.key, count: group.people.length });
    else other += group.people.length;
  }
  shown.sort((a, b) => b.count - a.count || id(a.key).localeCompare(id(b.key)));
  return { shown, other, distinct: groups.size };
};

/**
 * The public side of an event's participants: the roster of those who consented, and
 * statistics over everyone that are counts only. The app's output sanitizer does not see
 * this plugin's queries, so consent is enforced here.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async forEvent(slug: string, locale: string): Promise<ParticipantsReport> {
    const row = (await strapi.documents(EVENT as UID.ContentType).findFirst({
      status: 'published',
      locale,
      fields: ['slug', 'title', 'locale'],
      filters: { slug: { $eq: slug } },
      populate: {
        participations: {
          populate: {
            participant: {
              fields: PARTICIPANT_FIELDS,
              populate: { organisation: { fields: ORGANISATION_FIELDS, populate: { parent: { fields: ORGANISATION_FIELDS } } } },
            },
          },
        },
      },
    } as never)) as unknown as Raw | null;
    if (!row) throw new errors.NotFoundError(`No published event "${slug}" in locale "${locale}"`);

    const people: Person[] = [];
    const participations = Array.isArray(row.participations) ? row.participations.filter(isRaw) : [];
    for (const participation of participations) {
      const participant = participation.participant;
      if (!isRaw(participant)) continue;
      const organisation = toOrganisation(participant.organisation);
      const country = text(participant.country) ?? organisation?.country ?? null;
      people.push({
        consent: participant.publicConsent === true,
        country,
        organisation,
        entry: {
          name: String(participant.fullName ?? ''),
          position: text(participant.position),
          organisation: organisation
            ? { slug: organisation.slug, name: organisation.name, acronym: organisation.acronym, country: organisation.country }
            : null,
          country,
          role: String(participation.role ?? 'participant'),
        },
      });
    }

    const byCountry = tally(people, (person) => person.country, (country) => country);
    const byOrganisation = tally(people, (person) => person.organisation, (organisation) => organisation.slug);
    const organisations = new Map(people.flatMap((person) => (person.organisation ? [[person.organisation.slug, person.organisation]] : [])));

    return {
      event: { slug: String(row.slug), title: String(row.title ?? ''), locale: String(row.locale ?? locale) },
      roster: people
        .filter((person) => person.consent)
        .map((person) => person.entry)
        .sort((a, b) => a.name.localeCompare(b.name)),
      statistics: {
        participants: people.length,
        countries: byCountry.distinct,
        organisations: byOrganisation.distinct,
        internationalOrganisations: [...organisations.values()].filter(isInternational).length,
        byCountry: byCountry.shown.map(({ key, count }) => ({ country: key, count })),
        byOrganisation: byOrganisation.shown.map(({ key, count }) => ({
          organisation: { slug: key.slug, name: key.name, acronym: key.acronym },
          count,
        })),
        byCountryOther: byCountry.other,
        byOrganisationOther: byOrganisation.other,
        minimumGroupSize: MINIMUM_GROUP_SIZE,
      },
    };
  },
});
