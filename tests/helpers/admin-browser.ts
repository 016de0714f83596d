import fs from 'fs';
import type { AddressInfo } from 'net';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bootStrapi, ROOT } from './strapi';

/**
 * What a browser test of the admin panel needs, and nothing else:
 *
 * - `bootWithAdmin(env?)`: the app as `bootStrapi` boots it, serving the admin panel from the
 *   production build (`dist/build`, made by `NODE_ENV=production npx strapi build`), listening on a
 *   free port of 127.0.0.1; `url` is its origin.
 * - `createAdmin(strapi, role?)`: an administrator (super admin by default) and its credentials.
 * - `launchChromium()`: Debian's Chromium (never a downloaded browser).
 * - `signIn(page, url, credentials)`: signs in through the login form, as an editor does.
 * - `screenshot(page, name)`: `.tmp/screenshots/<name>.png` (not committed; CI keeps them).
 */

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, '.tmp', 'screenshots');
const ADMIN_BUILD = path.join(ROOT, 'dist', 'build', 'index.html');

export interface AdminApp {
  strapi: Core.Strapi;
  /** Origin of the app, e.g. http://127.0.0.1:40123; the admin panel is under /admin. */
  url: string;
  teardown: () => Promise<void>;
}

export interface Credentials {
  email: string;
  password: string;
}

/** Boots the app with its admin panel; fails at once, saying what to run, when there is no production build. */
export const bootWithAdmin = async (extraEnv: Record<string, string> = {}): Promise<AdminApp> => {
  if (!fs.existsSync(ADMIN_BUILD)) throw new Error(`no admin build (${ADMIN_BUILD}): run \`NODE_ENV=production npx strapi build\` first`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run installs it)`);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // bootStrapi's createStrapi serves the admin panel (serveAdminPanel defaults to true) from dist/build.
  const { strapi, teardown } = await bootStrapi(extraEnv);
  const server = strapi.server.httpServer;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { strapi, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, teardown };
};

/** An active administrator with the role given (by default a super administrator), who can sign in. */
export const createAdmin = async (strapi: Core.Strapi, roleCode = 'strapi-super-admin'): Promise<Credentials> => {
  const role = (await strapi.db.query('admin::role').findOne({ where: { code: roleCode } })) as { id: number } | null;
  if (!role) throw new Error(`no admin role ${roleCode}`);
  const credentials = { email: `editor-${Math.random().toString(36).slice(2)}@example.org`, password: 'Editor-password-1' };
  await strapi.service('admin::user').create({
    ...credentials,
    firstname: 'Browser',
    lastname: 'Editor',
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  return credentials;
};

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });

/** Fills the admin's login form and waits until the panel has left the login page. */
export const signIn = async (page: Page, url: string, { email, password }: Credentials): Promise<void> => {
  await page.goto(`${url}/admin/auth/login`);
  await page.getByLabel(/^email/i).fill(email);
  await page.getByLabel(/^password/i).fill(password);
  await page.getByRole('button', { name: /^log ?in$/i }).click();
  await page.waitForURL((address) => !address.pathname.includes('/auth/'));
};

export const screenshot = async (page: Page, name: string): Promise<void> => {
  // Transitions finished: a border that has just stopped being red is shown as it ends.
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
};
