import type { Core, Modules, UID } from '@strapi/strapi';

/**
 * A read of the document service on a content type the plugin knows only from its config
 * (`structured-data.config.contentTypes`). Strapi types a query from its registry of the app's
 * content types, by uid; the plugin builds without that registry (and is not to know the app's
 * schemas), so its queries are typed by their shape, in Strapi's own terms where those do not
 * depend on the schema. The attributes they name are checked at boot (validateContentTypes).
 */
export type DocumentQuery = Modules.Documents.Params.PublicationStatus.Param & {
  locale?: Modules.Documents.Params.Locale.StringNotation;
  fields?: string[];
  filters?: Record<string, unknown>;
  populate?: Record<string, unknown>;
  sort?: Array<Record<string, 'asc' | 'desc'>>;
};

/** A document as the service returns it, read field by field (utils/records) by the plugin. */
export type DocumentRow = Record<string, unknown>;

export type Documents = {
  findMany(query: DocumentQuery): Promise<DocumentRow[]>;
  findFirst(query: DocumentQuery): Promise<DocumentRow | null>;
};

/**
 * The document service of the configured content type `uid`, for the reads above. The one place
 * the plugin's queries meet Strapi's registry-typed service: TypeScript checks that the two types
 * are comparable, not that a query fits the schema (the registry is the app's).
 */
export const documents = (strapi: Core.Strapi, uid: UID.ContentType): Documents => strapi.documents(uid) as Documents;
