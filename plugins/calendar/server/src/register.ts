import type { Core } from '@strapi/strapi';
import { registerGraphql } from './graphql';
import { contentTypes } from './utils/content-types';
import { getService } from './utils/get-service';
import { isRaw } from './utils/records';
import { REVISION } from './services/revisions';

/** Published entries in the result of a document-service action (publish returns { entries }). */
const publishedEntries = (result: unknown): Array<{ documentId: string; locale: string }> => {
  const entries = isRaw(result) && Array.isArray(result.entries) ? result.entries : [result];
  return entries.flatMap((entry: unknown) =>
    isRaw(entry) && entry.publishedAt && typeof entry.documentId === 'string' && typeof entry.locale === 'string'
      ? [{ documentId: entry.documentId, locale: entry.locale }]
      : [],
  );
};

const PUBLISHING_ACTIONS = new Set(['publish', 'update', 'create']);

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Every publication of an event locale bumps its iCalendar SEQUENCE (services/revisions).
  // create/update count only when they publish (status: 'published'); draft edits are private.
  strapi.documents.use(async (context, next) => {
    const result = await next();
    if (context.uid === contentTypes(strapi).event && PUBLISHING_ACTIONS.has(context.action)) {
      const revisions = getService(strapi, 'revisions');
      for (const entry of publishedEntries(result)) await revisions.recordPublication(entry.documentId, entry.locale);
    }
    return result;
  });

  registerGraphql(strapi);

  // Public answers show SEQUENCE numbers: a new revision must move the public-cache plugin's
  // content fingerprint (when that plugin is installed).
  strapi.plugin('public-cache')?.service('fingerprint').register([REVISION]);
};
