'use strict';

/**
 * Loads the demo content into the configured database (idempotent: what exists is left
 * alone), then shuts Strapi down cleanly and exits 0. `npm run seed` compiles the app first
 * (`npm run build:server`); this script boots the compiled app in dist/.
 */
const path = require('path');
require('./ensure-deps');
const { createStrapi } = require('@strapi/strapi');

(async () => {
  const appDir = path.resolve(__dirname, '..');
  const distDir = path.join(appDir, 'dist');
  const app = await createStrapi({ appDir, distDir }).load();
  try {
    const { seedDemoContent } = require(path.join(distDir, 'src', 'seed'));
    const report = await seedDemoContent(app);
    console.log(`Demo content: ${report.created} documents created, ${report.published} published.`);
  } finally {
    // Waits for the work the writes started (src/database/drain.ts) before closing the pool.
    await app.destroy();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
