import type { Core, UID } from '@strapi/strapi';

/** What the plugin knows of a type editors may schedule. */
export interface Target {
  uid: string;
  displayName: string;
  localized: boolean;
}

type Schema = { info?: { displayName?: string }; options?: { draftAndPublish?: boolean }; pluginOptions?: { i18n?: { localized?: boolean } } };

const schemaOf = (strapi: Core.Strapi, uid: string): Schema | undefined =>
  // Answers undefined for an unknown uid (its type does not say so).
  strapi.contentType(uid as UID.ContentType) as Schema | undefined;

export const targetOf = (strapi: Core.Strapi, uid: string): Target => {
  const schema = schemaOf(strapi, uid);
  return { uid, displayName: schema?.info?.displayName ?? uid, localized: schema?.pluginOptions?.i18n?.localized === true };
};

/** The configured types that cannot be scheduled: publishing needs draft and publish. */
export const withoutDraftAndPublish = (strapi: Core.Strapi, uids: string[]): string[] =>
  uids.filter((uid) => schemaOf(strapi, uid)?.options?.draftAndPublish !== true);

/**
 * The document service calls of the runner on a configured type, typed by their shape: the
 * plugin builds without the app's registry of types. `locale` is left out for a type that is
 * not localised.
 */
export interface Publisher {
  publish(params: { documentId: string; locale?: string }): Promise<{ entries?: unknown[] } | unknown>;
  unpublish(params: { documentId: string; locale?: string }): Promise<{ entries?: unknown[] } | unknown>;
}

const isPublisher = (service: object): service is Publisher => ['publish', 'unpublish'].every((method) => typeof Reflect.get(service, method) === 'function');

export const publisherOf = (strapi: Core.Strapi, uid: string): Publisher => {
  const service: object = strapi.documents(uid as UID.ContentType);
  if (!isPublisher(service)) throw new Error(`scheduler: ${uid} cannot be published (no draft and publish)`);
  return service;
};

/**
 * The field the admin panel shows as a document's title (the Content Manager's "entry title"),
 * or null when none is set.
 */
export const mainFieldOf = async (strapi: Core.Strapi, uid: string): Promise<string | null> => {
  const schema = strapi.contentType(uid as UID.ContentType) as { uid: string; attributes: Record<string, unknown> } | undefined;
  if (!schema) return null;
  const configuration = (await strapi.plugin('content-manager').service('content-types').findConfiguration(schema)) as {
    settings?: { mainField?: string };
  };
  const field = configuration.settings?.mainField;
  return field && field in schema.attributes ? field : null;
};
