import type { Core } from '@strapi/strapi';
import { registerGraphql } from './graphql';
import { registerPermissions } from './permissions';

export default async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  registerGraphql(strapi);
  await registerPermissions(strapi);
};
