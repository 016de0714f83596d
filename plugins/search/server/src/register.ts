import type { Core } from '@strapi/strapi';
import { registerGraphql } from './graphql';
import { keyOfUid } from './utils/content-types';
import { getService } from './utils/get-service';

type Raw = Record<string, unknown>;
const isRaw = (value: unknown): value is Raw => typeof value === 'object' && value !== null;

/** Actions that can change what is published, whatever the type. */
const ALWAYS = new Set(['publish', 'unpublish', 'delete']);
/** Actions that change what is published of a type without drafts (and of one with drafts when they publish). */
const WRITES = new Set(['create', 'update', 'clone']);

/** Whether an action can change a document's published versions (a draft save cannot). */
const changesPublished = (action: string, params: Raw, draftAndPublish: boolean): boolean =>
  ALWAYS.has(action) || (WRITES.has(action) && (!draftAndPublish || params.status === 'published'));

/** The document the action wrote: its result says (create ignores a documentId given to it), else its parameters. */
const documentIdOf = (params: Raw, result: unknown): string | undefined => {
  if (isRaw(result) && typeof result.documentId === 'string') return result.documentId;
  return typeof params.documentId === 'string' ? params.documentId : undefined;
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /**
   * The index follows every write of the document service to a configured type: after the
   * action, in its transaction, the document's entries are made what its published rows now
   * are (services/indexer: only the locales whose published version changed are written,
   * every other locale's entry is left as it was). The index therefore changes exactly when
   * the content does, at commit, and not at all when the write fails and rolls back. (Writes
   * that bypass the document service, such as SQL imports, need `npm run search:reindex`.)
   */
  strapi.documents.use(async (context, next) => {
    const key = keyOfUid(strapi, context.uid);
    const params = (isRaw(context.params) ? context.params : {}) as Raw;
    const draftAndPublish = context.contentType?.options?.draftAndPublish === true;
    if (!key || !changesPublished(context.action, params, draftAndPublish)) return next();
    return strapi.db.transaction(async ({ trx }) => {
      const result = await next();
      const documentId = documentIdOf(params, result);
      if (documentId) await getService(strapi, 'indexer').reconcile(trx, key, documentId);
      return result;
    });
  });

  registerGraphql(strapi);
};
