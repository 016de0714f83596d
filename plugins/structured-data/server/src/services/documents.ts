import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { contentTypes } from '../utils/content-types';
import { documents as documentsOf } from '../utils/documents';
import {
  toGuide,
  toOrganisation,
  toStory,
  toVersions,
  type GuideRecord,
  type OrganisationRecord,
  type StoryRecord,
  type VersionRecord,
} from '../utils/records';

/**
 * Every read selects the fields it publishes and nothing else (no private attribute, no
 * participant, no editor is ever loaded), and loads a document with its relations in one
 * document query. Reads are of published versions only (`status: 'published'`); during a
 * content-API request the app's public-read rule applies to them as well.
 */

const MEDIA = { fields: ['url', 'mime', 'name', 'size', 'width', 'height'] };
const TOPIC = { fields: ['slug', 'name'] };
const ORGANISATION_FIELDS = ['documentId', 'locale', 'slug', 'name', 'acronym', 'kind', 'country', 'website'];
/** An organisation named by another document: with its logo and one level of parent (ITC-ILO → ILO). */
const ORGANISATION = { fields: ORGANISATION_FIELDS, populate: { logo: MEDIA, parent: { fields: ORGANISATION_FIELDS } } };
const VERSION_FIELDS = ['documentId', 'locale', 'slug', 'title', 'createdAt'];

const STORY_FIELDS = ['documentId', 'locale', 'slug', 'title', 'lead', 'canonicalUrl', 'licence', 'publishedAt', 'updatedAt'];
/**
 * Strapi records a document's first publication only with its experimental
 * `features.future.experimental_firstPublishedAt` flag (the attribute exists then): read it when
 * it is there, so that `datePublished` stays the first publication across later edits.
 */
const FIRST_PUBLISHED_AT = 'firstPublishedAt';
const STORY_POPULATE = {
  cover: MEDIA,
  publisher: ORGANISATION,
  topics: TOPIC,
  source: { fields: ['name', 'url'], populate: { organisation: ORGANISATION } },
};

const GUIDE_FIELDS = ['documentId', 'locale', 'slug', 'title', 'summary', 'series', 'edition', 'publicationDate', 'isbn', 'publishedAt', 'updatedAt'];
const GUIDE_POPULATE = {
  file: MEDIA,
  cover: MEDIA,
  publisher: ORGANISATION,
  continues: { fields: VERSION_FIELDS },
  continuedBy: { fields: VERSION_FIELDS, sort: [{ publicationDate: 'asc' }, { documentId: 'asc' }] },
  audiences: TOPIC,
  topics: TOPIC,
};

/** The organisation page: its parents up to two levels (ITC-ILO Innovation Lab → ITC-ILO → ILO) and its children. */
const ORGANISATION_POPULATE = {
  logo: MEDIA,
  parent: { fields: ORGANISATION_FIELDS, populate: { logo: MEDIA, parent: { fields: ORGANISATION_FIELDS } } },
  children: { fields: ORGANISATION_FIELDS, sort: [{ name: 'asc' }, { documentId: 'asc' }] },
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const of = (key: 'story' | 'guide' | 'organisation') => documentsOf(strapi, contentTypes(strapi)[key]);

  const bySlug = async (key: 'story' | 'guide' | 'organisation', slug: string, locale: string, fields: string[], populate: Record<string, unknown>) => {
    const row = await of(key).findFirst({ status: 'published', locale, fields, filters: { slug: { $eq: slug } }, populate });
    if (!row) throw new errors.NotFoundError(`No published ${key} "${slug}" in locale "${locale}"`);
    return row;
  };

  /** Every published language version of a document, oldest first (the order they were written in). */
  const versions = async (key: 'story' | 'guide', documentId: string, populate: Record<string, unknown> = {}): Promise<VersionRecord[]> =>
    toVersions(
      await of(key).findMany({
        status: 'published',
        locale: '*',
        fields: VERSION_FIELDS,
        filters: { documentId: { $eq: documentId } },
        populate,
        sort: [{ createdAt: 'asc' }, { locale: 'asc' }],
      }),
    );

  return {
    /** The published story with this slug in this locale, or a 404. */
    async story(slug: string, locale: string): Promise<StoryRecord> {
      const uid = contentTypes(strapi).story;
      const recordsFirstPublication = FIRST_PUBLISHED_AT in (strapi.contentTypes[uid]?.attributes ?? {});
      const fields = recordsFirstPublication ? [...STORY_FIELDS, FIRST_PUBLISHED_AT] : STORY_FIELDS;
      return toStory(await bySlug('story', slug, locale, fields, STORY_POPULATE));
    },

    storyVersions: (documentId: string) => versions('story', documentId),

    /** The published guide with this slug in this locale, or a 404. */
    async guide(slug: string, locale: string): Promise<GuideRecord> {
      return toGuide(await bySlug('guide', slug, locale, GUIDE_FIELDS, GUIDE_POPULATE));
    },

    /** A guide's language versions, each with its own file. */
    guideVersions: (documentId: string) => versions('guide', documentId, { file: MEDIA }),

    /** The organisation with this slug in this locale, or a 404. */
    async organisation(slug: string, locale: string): Promise<OrganisationRecord> {
      const row = await bySlug('organisation', slug, locale, [...ORGANISATION_FIELDS, 'description'], ORGANISATION_POPULATE);
      const organisation = toOrganisation(row);
      if (!organisation) throw new errors.NotFoundError(`No organisation "${slug}" in locale "${locale}"`);
      return organisation;
    },
  };
};
