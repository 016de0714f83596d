import type { Core } from '@strapi/strapi';
import { validateContentTypes } from './utils/content-types';
import { getService } from './utils/get-service';

/**
 * Checks the configured types, creates the index's tables (or recreates them when their
 * version changed) and then fills them from the published content: a database that had
 * content before the plugin gets its index at its first start. Otherwise the index is
 * kept by the document-service middleware (register); when it is found to hold another
 * number of entries than there are published documents (content written around the
 * document service), the log says so and names the command that rebuilds it.
 */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  validateContentTypes(strapi);
  const { created } = await getService(strapi, 'store')().migrate();
  const indexer = getService(strapi, 'indexer');
  if (created) {
    const report = await indexer.rebuild();
    const total = Object.values(report.entries).reduce((sum, count) => sum + count, 0);
    if (total > 0) strapi.log.info(`search: index built (${total} entries in ${report.seconds.toFixed(1)} s)`);
    return;
  }
  const drift = await indexer.drift();
  if (drift.length > 0) {
    const counts = drift.map(({ type, published, indexed }) => `${type}: ${indexed} indexed of ${published} published`).join('; ');
    strapi.log.warn(`search: the index is not complete (${counts}); run \`npm run search:reindex\``);
  }
};
