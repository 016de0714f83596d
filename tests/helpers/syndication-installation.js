'use strict';

/**
 * One union-comms installation in a process of its own, serving HTTP on HOST:PORT with the
 * database the parent prepared (DATABASE_* in the environment), as a federation runs it. It
 * creates the administrator INSTALLATION_ADMIN_EMAIL / INSTALLATION_ADMIN_PASSWORD when missing,
 * then tells the parent it is up. SIGTERM stops it cleanly; SIGKILL is what the crash test sends.
 */
const path = require('path');

process.env.ENV_PATH = path.join(__dirname, 'test.env');
const { createStrapi } = require('@strapi/strapi');

const ROOT = path.resolve(__dirname, '..', '..');

const ensureAdmin = async (strapi) => {
  const email = process.env.INSTALLATION_ADMIN_EMAIL;
  const password = process.env.INSTALLATION_ADMIN_PASSWORD;
  if (await strapi.db.query('admin::user').findOne({ where: { email } })) return;
  const role = await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  await strapi.service('admin::user').create({
    email,
    password,
    firstname: 'Installation',
    lastname: 'Admin',
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
};

const main = async () => {
  const strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') }).load();
  await ensureAdmin(strapi);
  await strapi.listen();
  process.on('SIGTERM', () => {
    strapi
      .destroy()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  });
  if (process.send) process.send({ ready: true });
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
