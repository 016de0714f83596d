import type { Core } from '@strapi/strapi';
import { locales } from '@union-comms/kit';
import { getService } from '../utils/get-service';
import type { VersionRecord } from '../utils/records';
import type { LocaleQuery } from '../validation/query';
import type { JsonLd, Translations } from './json-ld';

/**
 * Which version is the original and which are its translations. Strapi records no "source
 * locale", so the version written first (created first) is the original; the others are its
 * translations. The original lists them all (`workTranslation`); a translation names the
 * original (`translationOfWork`) and not its sibling translations.
 */
export const translationsOf = (locale: string, versions: VersionRecord[]): Translations => {
  const [original, ...rest] = versions;
  if (!original) return { original: null, translations: [] };
  return original.locale === locale ? { original: null, translations: rest } : { original, translations: [] };
};

/** The plugin's use cases: each resolves its locale (400 when unknown), reads (404) and builds the document. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const read = () => getService(strapi, 'documents');
  const jsonLd = () => getService(strapi, 'jsonLd');

  return {
    /** GET /stories/:slug */
    async story(slug: string, query: LocaleQuery): Promise<JsonLd> {
      const locale = await locales(strapi).resolve(query.locale);
      const story = await read().story(slug, locale);
      const versions = await read().storyVersions(story.documentId);
      return jsonLd().toNewsArticle(story, translationsOf(locale, versions));
    },

    /** GET /guides/:slug */
    async guide(slug: string, query: LocaleQuery): Promise<JsonLd> {
      const locale = await locales(strapi).resolve(query.locale);
      const guide = await read().guide(slug, locale);
      const versions = await read().guideVersions(guide.documentId);
      return jsonLd().toBook(
        guide,
        versions.filter((version) => version.locale !== locale),
      );
    },

    /** GET /organisations/:slug */
    async organisation(slug: string, query: LocaleQuery): Promise<JsonLd> {
      const locale = await locales(strapi).resolve(query.locale);
      return jsonLd().toOrganization(await read().organisation(slug, locale));
    },
  };
};
