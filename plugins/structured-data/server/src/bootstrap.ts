import type { Core } from '@strapi/strapi';
import { grantReadersOnce } from '@union-comms/kit';
import { validateContentTypes } from './utils/content-types';

/** Every public route's action (routes/content-api). */
export const PUBLIC_ACTIONS = ['story', 'guide', 'organisation'].map((action) => `plugin::structured-data.structured-data.${action}`);

/**
 * Lets anonymous clients (search engines, partner sites) and signed-in members read the
 * structured data; granted once per database (see grantReadersOnce).
 */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  // First, before a request reads through the configured types.
  validateContentTypes(strapi);
  await grantReadersOnce(strapi, PUBLIC_ACTIONS);
};
