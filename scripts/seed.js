'use strict';

/**
 * Loads the demo content into the configured database (idempotent: what exists is left
 * alone). Compiles the TypeScript app first, as `strapi start` would expect it.
 */
const path = require('path');
require('./ensure-deps');
const { compileStrapi, createStrapi } = require('@strapi/strapi');

(async () => {
  const appContext = await compileStrapi();
  const app = await createStrapi(appContext).load();
  try {
    const { seedDemoContent } = require(path.join(appContext.distDir, 'src', 'seed'));
    const report = await seedDemoContent(app);
    console.log(`Demo content: ${report.created} documents created, ${report.published} published.`);
  } finally {
    await app.destroy();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
