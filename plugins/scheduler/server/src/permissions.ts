import type { Core } from '@strapi/strapi';

/**
 * Admin permissions of the plugin (Settings > Roles > Plugins > Scheduler). Scheduling or
 * cancelling also needs the Content Manager's publish permission on the document.
 */
export const PERMISSIONS = {
  read: 'plugin::scheduler.actions.read',
  manage: 'plugin::scheduler.actions.manage',
} as const;

interface ActionProvider {
  registerMany(actions: Array<{ section: string; displayName: string; uid: string; pluginName: string; subCategory?: string }>): Promise<void>;
}

/** Registered in `register`, before the admin's bootstrap gives the super admin every action. */
export const registerPermissions = async (strapi: Core.Strapi): Promise<void> => {
  const { actionProvider } = strapi.service('admin::permission') as { actionProvider: ActionProvider };
  await actionProvider.registerMany([
    { section: 'plugins', displayName: 'Read scheduled actions', uid: 'actions.read', pluginName: 'scheduler', subCategory: 'scheduled actions' },
    {
      section: 'plugins',
      displayName: 'Schedule and cancel actions (with publish permission on the document)',
      uid: 'actions.manage',
      pluginName: 'scheduler',
      subCategory: 'scheduled actions',
    },
  ]);
};
