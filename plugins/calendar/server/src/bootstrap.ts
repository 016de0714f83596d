import type { Core } from '@strapi/strapi';
import { grantReadersOnce } from '@union-comms/kit';
import { validateContentTypes } from './utils/content-types';

/** Every public route's action (routes/content-api). */
export const PUBLIC_ACTIONS = ['calendar', 'calendarEntry', 'find', 'jsonLd', 'participants'].map((action) => `plugin::calendar.events.${action}`);

/**
 * Lets anonymous clients (calendar apps, websites, search engines) and signed-in members
 * read the calendar; granted once per database (see grantReadersOnce).
 */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  // First, before the app's bootstrap (demo content) or a request reads through them.
  validateContentTypes(strapi);
  await grantReadersOnce(strapi, PUBLIC_ACTIONS);
};
