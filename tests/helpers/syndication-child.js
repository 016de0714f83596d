'use strict';

/**
 * Boots the compiled app in a child process on the database the parent test prepared
 * (DATABASE_* in the environment), without an HTTP server: it runs the syndication delivery
 * worker, as a second server process would. Tells the parent when it is up; SIGTERM stops it
 * cleanly, SIGKILL is what the crash test sends.
 */
const path = require('path');

process.env.ENV_PATH = path.join(__dirname, 'test.env');
const { createStrapi } = require('@strapi/strapi');

const ROOT = path.resolve(__dirname, '..', '..');

const main = async () => {
  const strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') }).load();
  process.on('SIGTERM', () => {
    strapi
      .destroy()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  });
  if (process.send) process.send({ ready: true, worker: strapi.plugin('syndication').service('dispatcher').workerId });
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
