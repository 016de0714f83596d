import type { Core } from '@strapi/strapi';
import { registerGraphql } from './graphql';
import { registerPartnerGuard } from './middlewares/partner-guard';
import { registerStoryEvents } from './middlewares/story-events';
import { registerWebsubGuard } from './middlewares/websub-guard';
import { registerPermissions } from './permissions';
import { registerDuplicateCleanup } from './utils/unique-rows';

export default async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  registerDuplicateCleanup(strapi);
  registerGraphql(strapi);
  registerStoryEvents(strapi);
  registerPartnerGuard(strapi);
  registerWebsubGuard(strapi);
  await registerPermissions(strapi);
};
