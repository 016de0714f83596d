import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

export default async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  getService(strapi, 'feeds').clear();
  // No timer or request outlives the app; unfinished deliveries stay pending in the database.
  await getService(strapi, 'dispatcher').stop();
};
