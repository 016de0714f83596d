import type { Core } from '@strapi/strapi';

/** Admin permissions of the partners page and API (Settings > Roles > Plugins > Syndication). */
export const PERMISSIONS = {
  read: 'plugin::syndication.partners.read',
  manage: 'plugin::syndication.partners.manage',
} as const;

interface ActionProvider {
  registerMany(actions: Array<{ section: string; displayName: string; uid: string; pluginName: string; subCategory?: string }>): Promise<void>;
}

/** Registered in `register`, before the admin's bootstrap gives the super admin every action. */
export const registerPermissions = async (strapi: Core.Strapi): Promise<void> => {
  const { actionProvider } = strapi.service('admin::permission') as { actionProvider: ActionProvider };
  await actionProvider.registerMany([
    { section: 'plugins', displayName: 'Read partners and deliveries', uid: 'partners.read', pluginName: 'syndication', subCategory: 'partners' },
    {
      section: 'plugins',
      displayName: 'Manage partners (create, edit, pause, rotate secrets, redeliver)',
      uid: 'partners.manage',
      pluginName: 'syndication',
      subCategory: 'partners',
    },
  ]);
};
