'use strict';

/**
 * Boots the compiled app in a child process on the database the parent test prepared
 * (DATABASE_* in the environment), without an HTTP server: it runs the scheduler's runner, as
 * a second server process would. Counts the publishes and unpublishes that committed here, by
 * document, and tells the parent on request ({ type: 'counts' }). SIGTERM stops it cleanly.
 */
const path = require('path');

process.env.ENV_PATH = path.join(__dirname, 'test.env');
const { createStrapi } = require('@strapi/strapi');

const ROOT = path.resolve(__dirname, '..', '..');
const counted = new Set(['publish', 'unpublish']);

const main = async () => {
  const strapi = createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') });
  // `load()` split in two: the counter is in place before bootstrap starts the runner, whose
  // first poll runs the jobs that are already due.
  await strapi.register();
  const counts = {};
  // Counted once the change committed: a run rolled back is not a publish.
  strapi.documents.use((context, next) => {
    const documentId = context.params && context.params.documentId;
    if (!counted.has(context.action) || typeof documentId !== 'string') return next();
    return strapi.db.transaction(async ({ onCommit }) => {
      const result = await next();
      onCommit(() => {
        const key = `${context.action}:${documentId}`;
        counts[key] = (counts[key] || 0) + 1;
      });
      return result;
    });
  });
  await strapi.bootstrap();
  strapi.isLoaded = true;
  process.on('message', (message) => {
    if (message && message.type === 'counts' && process.send) process.send({ type: 'counts', counts });
  });
  process.on('SIGTERM', () => {
    strapi
      .destroy()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  });
  if (process.send) process.send({ ready: true, worker: strapi.plugin('scheduler').service('runner').workerId });
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
