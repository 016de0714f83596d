import type { Core } from '@strapi/strapi';
import { grantReadersOnce } from '@union-comms/kit';
import { assertContentTypes } from './config/content-types';
import { INBOX_MIDDLEWARE } from './middlewares/inbox';
import { getService } from './utils/get-service';
import { pluginConfig } from './utils/plugin-config';

/** Actions of the public feed routes (routes/content-api). */
export const PUBLIC_ACTIONS = ['rss', 'atom', 'json'].map((action) => `plugin::syndication.feeds.${action}`);

export default async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  // Before anything reads them: the host's types must have what the plugin reads, or the boot stops.
  assertContentTypes(strapi, pluginConfig(strapi).contentTypes);
  // Feed readers and partners read the feeds without an account (granted once per database).
  await grantReadersOnce(strapi, PUBLIC_ACTIONS);
  assertInboxMiddleware(strapi);
  // Partners from before inboxes existed get one.
  await getService(strapi, 'partners').ensureInboxIds();
  // Received pushes (also those a crashed process left unimported) are imported by the worker.
  const inbox = getService(strapi, 'inbox');
  getService(strapi, 'dispatcher').registerJob({ name: 'inbox', run: (context) => inbox.runJob(context) });
  // Partners' feeds (inbound.feedUrl) are polled by the same worker, claimed the same way.
  const feedPoller = getService(strapi, 'feed-poller');
  getService(strapi, 'dispatcher').registerJob({ name: 'feed-poll', run: (context) => feedPoller.runJob(context) });
  // WebSub: changed feeds are rendered and pushed to their subscribers by the same worker.
  const websub = getService(strapi, 'websub-hub-distribution');
  getService(strapi, 'dispatcher').registerJob({ name: 'websub-distribution', run: (context) => websub.runJob(context) });
  // Pending deliveries (also those a crashed process left) go out from now on.
  getService(strapi, 'dispatcher').start();
};

/**
 * The inbox reads a push's raw bytes before any parser (middlewares/inbox): the app must list
 * `plugin::syndication.inbox` in config/middlewares before `strapi::body`, or the boot stops.
 */
const assertInboxMiddleware = (strapi: Core.Strapi): void => {
  const entries: unknown = strapi.config.get('middlewares', []);
  const names = (Array.isArray(entries) ? entries : []).map((entry: unknown) =>
    typeof entry === 'string' ? entry : typeof entry === 'object' && entry !== null && 'name' in entry ? String(entry.name) : '',
  );
  const inbox = names.indexOf(INBOX_MIDDLEWARE);
  const body = names.indexOf('strapi::body');
  if (inbox === -1 || (body !== -1 && inbox > body)) {
    throw new Error(
      `syndication: config/middlewares must list '${INBOX_MIDDLEWARE}' before 'strapi::body' (the inbox verifies a push's raw bytes before they are parsed)`,
    );
  }
};
