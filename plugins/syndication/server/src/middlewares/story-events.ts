import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { contentTypeUid } from '../utils/plugin-config';

/** Document-service actions that can change a story's published versions. */
const ACTIONS = new Set(['publish', 'unpublish', 'delete', 'update']);

interface MiddlewareContext {
  uid: string;
  action: string;
  params: { documentId?: unknown; status?: unknown } | undefined;
}

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
    const ctx = context as unknown as MiddlewareContext;
    if (ctx.uid !== contentTypeUid(strapi, 'story') || !ACTIONS.has(ctx.action)) return next();
    if (ctx.action === 'update' && ctx.params?.status !== 'published') return next();
    const documentId = ctx.params?.documentId;
    if (typeof documentId !== 'string') return next();

    return strapi.db.transaction(async ({ onCommit }) => {
      const deliveries = getService(strapi, 'deliveries');
      const before = await deliveries.publishedVersions(documentId);
      const result = await next();
      const after = await deliveries.publishedVersions(documentId);
      const recorded = await deliveries.recordStoryChange(documentId, before, after);
      if (recorded > 0) onCommit(() => getService(strapi, 'dispatcher').wake());
      return result;
    });
  });
};
