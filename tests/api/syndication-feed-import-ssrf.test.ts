import type { Core } from '@strapi/strapi';
import { adminToken } from '../helpers/admin';
import { createFeedPartner, feedStateOf, fixture, receivedLog, startFeedServer, type FeedServer } from '../helpers/feed-server';
import { bootStrapi } from '../helpers/strapi';
import { askUntil } from '../helpers/wait';

/**
 * No allow-list here, the production default: a partner's feed URL on the CMS's own network is
 * refused when connecting, like a push endpoint. The feed server really listens on loopback, so
 * the refusal is the SSRF check and not a closed port.
 */
let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let token: string;
let server: FeedServer;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi({
    SYNDICATION_PUSH_ALLOW_HTTP: 'true',
    SYNDICATION_PUSH_POLL_INTERVAL: '100ms',
    SYNDICATION_FEEDS_RETRY_SCHEDULE: '100ms',
  }));
  token = await adminToken(strapi);
  server = await startFeedServer();
});
afterAll(async () => {
  await teardown();
  await server.close();
});

it.each([
  ['loopback', (port: string) => `http://127.0.0.1:${port}/feed.atom`],
  ['a name resolving to loopback', (port: string) => `http://localhost:${port}/feed.atom`],
  ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
])('refuses a feed on %s', async (_name, url) => {
  server.routes.set('/feed.atom', { body: fixture('atom-translations.xml'), contentType: 'application/atom+xml' });
  const partnerId = await createFeedPartner(strapi, token, `SSRF ${_name}`, url(new URL(server.origin).port));
  const state = await askUntil(
    () => feedStateOf(strapi, partnerId),
    (answer) => Number(answer?.failureCount ?? 0) >= 1,
  );
  expect(state?.lastError).toMatch(/is not allowed\. Because,? It is (private|meta) IP address/);
  expect(state?.lastStatusCode).toBeNull();
  expect(await receivedLog(strapi, token, partnerId)).toEqual([]);
  expect(server.requests).toEqual([]);
});
