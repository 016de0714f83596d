'use strict';

/**
 * Rebuilds the search index of the configured database from its published content (the
 * search plugin's `indexer.rebuild`, in one transaction: readers keep the old index until it
 * commits), prints what it indexed, shuts Strapi down cleanly and exits 0. For a database whose
 * content was written around the document service (an SQL import, a restored dump of another
 * version). `npm run search:reindex` compiles the app first (`npm run build:server`); this
 * script boots the compiled app in dist/, as scripts/seed.js does.
 */
const path = require('path');
require('./ensure-deps');
const { createStrapi } = require('@strapi/strapi');

(async () => {
  const appDir = path.resolve(__dirname, '..');
  const distDir = path.join(appDir, 'dist');
  const app = await createStrapi({ appDir, distDir }).load();
  try {
    const report = await app.plugin('search').service('indexer').rebuild();
    const counts = Object.entries(report.entries)
      .map(([type, count]) => `${count} ${type}`)
      .join(', ');
    console.log(`Search index rebuilt: ${counts || 'nothing to index'} (${report.seconds.toFixed(1)} s).`);
  } finally {
    await app.destroy();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
