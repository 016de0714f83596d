import type { Core } from '@strapi/strapi';
import { grantReadersOnce } from '../../../../src/bootstrap/permissions';
import { getService } from './utils/get-service';

/** Actions of the public feed routes (routes/content-api). */
export const PUBLIC_ACTIONS = ['rss', 'atom', 'json'].map((action) => `plugin::syndication.feeds.${action}`);

export default async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  // Feed readers and partners read the feeds without an account (granted once per database).
  await grantReadersOnce(strapi, PUBLIC_ACTIONS);
  // Pending deliveries (also those a crashed process left) go out from now on.
  getService(strapi, 'dispatcher').start();
};
