import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

export default async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  // No timer outlives the app; jobs not run stay pending in the database.
  await getService(strapi, 'runner').stop();
};
