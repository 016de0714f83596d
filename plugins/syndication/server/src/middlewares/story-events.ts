import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { contentTypeUid } from '../utils/plugin-config';

/** Document-service actions that can change a story's published versions. */
const ACTIONS = new Set(['publish', 'unpublish', 'delete', 'update']);

/**
 * Records the deliveries of a story change in the same database transaction as the change:
 * the published versions are read before and after the action, inside one transaction that
 * the document service's own writes join (Strapi keeps it in AsyncLocalStorage), and the
 * deliveries are inserted before it commits. Both commit, or neither does: a crash cannot
 * lose a delivery of a change that was saved. The worker is woken once it committed.
 *
 * `update` matters only with `status: 'published'` (saving and publishing at once); a plain
 * update edits the draft, which partners never see.
 */
export const registerStoryEvents = (strapi: Core.Strapi): void => {
  strapi.documents.use(async (context, next) => {
    // Strapi's middleware context (Modules.Documents.Middleware.Context): params by action.
    // (Strapi's type of update params leaves out `status`, which update takes.)
    const { uid, action, params } = context;
    if (uid !== contentTypeUid(strapi, 'story') || !ACTIONS.has(action)) return next();
    if (action === 'update' && !(params && 'status' in params && params.status === 'published')) return next();
    const documentId = params && 'documentId' in params ? params.documentId : undefined;
    if (typeof documentId !== 'string') return next();

    return strapi.db.transaction(async ({ onCommit }) => {
      const deliveries = getService(strapi, 'deliveries');
      const before = await deliveries.publishedVersions(documentId);
      const result = await next();
      const after = await deliveries.publishedVersions(documentId);
      const recorded = await deliveries.recordStoryChange(documentId, before, after);
      // WebSub: the feeds with subscribers are marked changed in the same transaction; the
      // worker renders them and sends only those whose bytes moved (services/websub-hub-distribution).
      const marked = await getService(strapi, 'websub-hub-distribution').markChanged();
      if (recorded > 0 || marked > 0) onCommit(() => getService(strapi, 'dispatcher').wake());
      return result;
    });
  });
};
