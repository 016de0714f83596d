import type { Core } from '@strapi/strapi';
import type { FingerprintService } from './services/fingerprint';

/**
 * Installs the content revision's triggers before the app serves anything: after every
 * plugin's register phase (the sources are known) and Strapi's schema sync (the tables exist).
 */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await (strapi.plugin('public-cache').service('fingerprint') as FingerprintService).install();
};
