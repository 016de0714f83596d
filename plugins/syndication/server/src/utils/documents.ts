import type { Core, Modules, UID } from '@strapi/strapi';

/**
 * A read of the document service on a content type the plugin knows only from its config
 * (`syndication.config.contentTypes`). Strapi types a query from its registry of the app's
 * content types, by uid; the plugin builds without that registry (and is not to know the app's
 * schemas), so its queries are typed by their shape, in Strapi's own terms where those do not
 * depend on the schema. The content types are checked at bootstrap.
 */
export type DocumentQuery = Modules.Documents.Params.PublicationStatus.Param &
  Modules.Documents.Params.Pagination.OffsetNotation & {
    locale?: Modules.Documents.Params.Locale.StringNotation;
    fields?: string[];
    filters?: Record<string, unknown>;
    populate?: Record<string, unknown>;
    sort?: Array<Record<string, 'asc' | 'desc'>>;
  };

export type Documents = {
  /** `TRow`: the documents as the query's `fields` and `populate` select them. */
  findMany<TRow extends object>(query: DocumentQuery): Promise<TRow[]>;
};

/**
 * The document service of the configured content type `uid`, for the reads above. The one place
 * the plugin's queries meet Strapi's registry-typed service: TypeScript checks that the two types
 * are comparable, not that a query fits the schema (the registry is the app's).
 */
export const documents = (strapi: Core.Strapi, uid: UID.ContentType): Documents => strapi.documents(uid) as Documents;
