import type { Core } from '@strapi/strapi';
import { checkContentTypes } from '@union-comms/kit';
import { getService } from './utils/get-service';
import { pluginConfig } from './utils/plugin-config';
import { withoutDraftAndPublish } from './utils/targets';

export default async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  // Before anything runs: every configured type must exist and have draft and publish, or the boot stops.
  const { contentTypes } = pluginConfig(strapi);
  const uids = Object.fromEntries(contentTypes.map((uid, index) => [String(index), uid]));
  checkContentTypes(strapi, { plugin: 'scheduler', reader: 'the scheduler', uids, required: Object.fromEntries(Object.keys(uids).map((key) => [key, {}])) });
  const unpublishable = withoutDraftAndPublish(strapi, contentTypes);
  if (unpublishable.length > 0) {
    throw new Error(`scheduler config contentTypes: ${unpublishable.join(', ')} cannot be scheduled (no draft and publish); config/plugins.ts`);
  }
  // Due jobs, also those missed while no process ran, run from the first poll on.
  getService(strapi, 'runner').start();
};
