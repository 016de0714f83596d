import type { Core } from '@strapi/strapi';
import { locales } from '@union-comms/kit';
import { contentTypeUid } from '../utils/plugin-config';
import type { ReferenceKind, ReferenceQuery } from '../validation/references';

/** An organisation or topic as a picker offers it: the server stores the document id (organisations) or the slug (topics). */
export interface Reference {
  documentId: string;
  slug: string;
  name: string;
}

type Row = { documentId: string; slug: string | null; name: string | null; locale: string | null };

/**
 * The spellings of what was typed that `$containsi` is asked for: SQLite's LIKE folds the case of
 * ASCII letters only, so "фпрк" would not find "ФПРК" there (PostgreSQL's ILIKE folds all).
 */
const spellings = (typed: string): string[] => {
  const lower = typed.toLocaleLowerCase();
  return [...new Set([typed, lower, typed.toLocaleUpperCase(), lower.charAt(0).toLocaleUpperCase() + lower.slice(1)])];
};

/** Rows scanned to find `limit` distinct documents: each document has one row per locale. */
const ROWS_PER_DOCUMENT = 10;

/**
 * The organisations and topics the admin page's pickers offer, named in the editor's locale
 * (else the default locale's name, else the slug). The types are the ones the host configured.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(kind: ReferenceKind, query: ReferenceQuery): Promise<Reference[]> {
    const locale = await locales(strapi).resolve(query.locale);
    const fallback = await locales(strapi).defaultCode();
    const uid = contentTypeUid(strapi, kind === 'organisations' ? 'organisation' : 'topic');
    const fields = kind === 'organisations' ? ['name', 'acronym', 'slug'] : ['name', 'slug'];
    const typed = query.q;
    const where = typed === null ? {} : { $or: fields.flatMap((field) => spellings(typed).map((spelling) => ({ [field]: { $containsi: spelling } }))) };
    const matches = (await strapi.db.query(uid).findMany({
      where,
      select: ['documentId'],
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      limit: query.limit * ROWS_PER_DOCUMENT,
    })) as Array<{ documentId: string }>;
    const documentIds = [...new Set(matches.map((row) => row.documentId))].slice(0, query.limit);
    if (documentIds.length === 0) return [];
    const rows = (await strapi.db.query(uid).findMany({
      where: { documentId: { $in: documentIds } },
      select: ['documentId', 'slug', 'name', 'locale'],
    })) as Row[];
    const references = documentIds.map((documentId): Reference => {
      const own = rows.filter((row) => row.documentId === documentId);
      const named =
        own.find((row) => row.locale === locale && row.name) ?? own.find((row) => row.locale === fallback && row.name) ?? own.find((row) => row.name);
      const slug = own.find((row) => row.slug)?.slug ?? '';
      return { documentId, slug, name: named?.name ?? slug };
    });
    return references.sort((a, b) => a.name.localeCompare(b.name, locale));
  },
});
