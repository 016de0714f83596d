import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { contentTypes } from '../utils/content-types';
import { documents } from '../utils/documents';
import { isRaw, text, toOrganisation, type OrganisationRecord } from '../utils/records';

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
 * A group's count includes its hidden (non-consenting) people only when at least this many of
 * them are in it. "KZ: 3" beside a roster of two Kazakh names would say that one hidden Kazakh
 * attended; with fewer than this many hidden in a group, its count shows only the people the
 * roster names anyway, and the hidden ones are pooled into "other", which says how many are
 * unnamed but not where they are from.
 */
export const MINIMUM_GROUP_SIZE = 3;

/** International: an international organisation or global union federation, or a body of one (ITC-ILO, part of the ILO). */
const INTERNATIONAL_KINDS = new Set(['international_organisation', 'global_union_federation']);
const isInternational = (organisation: OrganisationRecord): boolean =>
  (organisation.kind !== null && INTERNATIONAL_KINDS.has(organisation.kind)) ||
  (organisation.parent?.kind !== null && organisation.parent?.kind !== undefined && INTERNATIONAL_KINDS.has(organisation.parent.kind));

/** The app's public-read rule (src/privacy/public-reads.ts), reached through Strapi's container. */
type PublicReadRule = { trusted<T>(fn: () => T): T };
const PUBLIC_READ_RULE = 'union-comms.public-reads';

type Person = { consent: boolean; country: string | null; organisation: OrganisationRecord | null; entry: RosterEntry };

// Only these participant fields are ever read: email and phone are not even loaded.
const PARTICIPANT_FIELDS = ['fullName', 'position', 'country'];
const ORGANISATION_FIELDS = ['documentId', 'slug', 'name', 'acronym', 'kind', 'country'];

/**
 * Groups people by `key`. A group is listed with everyone it holds when none or at least
 * MINIMUM_GROUP_SIZE of its people are hidden; otherwise with its named people only, its hidden
 * ones going to `other`. Groups with nobody to list are left out, and `distinct` counts the
 * listed groups only: a distinct count must not reveal a group that only hidden people are in.
 */
const tally = <K>(people: Person[], key: (person: Person) => K | null, id: (key: K) => string) => {
  const groups = new Map<string, { key: K; named: number; hidden: number }>();
  for (const person of people) {
    const value = key(person);
    if (value === null) continue;
    const group = groups.get(id(value)) ?? { key: value, named: 0, hidden: 0 };
    if (person.consent) group.named += 1;
    else group.hidden += 1;
    groups.set(id(value), group);
  }
  const shown: Array<{ key: K; count: number }> = [];
  let other = 0;
  for (const group of groups.values()) {
    const hiddenShown = group.hidden >= MINIMUM_GROUP_SIZE ? group.hidden : 0;
    other += group.hidden - hiddenShown;
    if (group.named + hiddenShown > 0) shown.push({ key: group.key, count: group.named + hiddenShown });
  }
  shown.sort((a, b) => b.count - a.count || id(a.key).localeCompare(id(b.key)));
  return { shown, other, distinct: shown.length };
};

/**
 * The public side of an event's participants: the roster of those the public may see, and
 * statistics over everyone that single nobody out. The roster is read as every public read is
 * (the app's public-read rule lets only consenting participants through); the statistics need
 * everyone, so they are read trusted, and a person counts as hidden when the public read did
 * not return them.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async forEvent(slug: string, locale: string): Promise<ParticipantsReport> {
    const read = () =>
      documents(strapi, contentTypes(strapi).event).findFirst({
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
      });
    const rule = strapi.get(PUBLIC_READ_RULE) as PublicReadRule;
    const row = await rule.trusted(read);
    if (!row) throw new errors.NotFoundError(`No published event "${slug}" in locale "${locale}"`);
    const publicRow = await read();
    const publicParticipations = Array.isArray(publicRow?.participations) ? publicRow.participations.filter(isRaw) : [];
    const named = new Set(publicParticipations.filter((participation) => isRaw(participation.participant)).map((participation) => String(participation.id)));

    const people: Person[] = [];
    const participations = Array.isArray(row.participations) ? row.participations.filter(isRaw) : [];
    for (const participation of participations) {
      const participant = participation.participant;
      if (!isRaw(participant)) continue;
      const organisation = toOrganisation(participant.organisation);
      const country = text(participant.country) ?? organisation?.country ?? null;
      people.push({
        consent: named.has(String(participation.id)),
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

    const byCountry = tally(
      people,
      (person) => person.country,
      (country) => country,
    );
    const byOrganisation = tally(
      people,
      (person) => person.organisation,
      (organisation) => organisation.slug,
    );

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
        internationalOrganisations: byOrganisation.shown.filter(({ key }) => isInternational(key)).length,
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
