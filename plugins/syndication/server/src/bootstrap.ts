import type { Core } from '@strapi/strapi';
import { grantReadersOnce } from '@union-comms/kit';
import { assertContentTypes } from './config/content-types';
import { getService } from './utils/get-service';
import { pluginConfig } from './utils/plugin-config';

/** Actions of the public feed routes (routes/content-api). */
export const PUBLIC_ACTIONS = ['rss', 'atom', 'json'].map((action) => `plugin::syndication.feeds.${action}`);

export default async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  // Before anything reads them: the host's types must have what the plugin reads, or the boot stops.
  assertContentTypes(strapi, pluginConfig(strapi).contentTypes);
  // Feed readers and partners read the feeds without an account (granted once per database).
  await grantReadersOnce(strapi, PUBLIC_ACTIONS);
  // Pending deliveries (also those a crashed process left) go out from now on.
  getService(strapi, 'dispatcher').start();
};
