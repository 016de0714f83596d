import { PaperPlane } from '@strapi/icons';
import { PLUGIN_ID } from './pluginId';

/** Admin panel entry of the syndication plugin: a Partners page in the main menu. */
export default {
  register(app: { addMenuLink: (link: Record<string, unknown>) => void; registerPlugin: (plugin: Record<string, unknown>) => void }) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PaperPlane,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Syndication' },
      // Shown to admins who may read partners (Settings > Roles > Plugins > Syndication).
      permissions: [{ action: 'plugin::syndication.partners.read', subject: null }],
      Component: () => import('./pages/PartnersPage'),
    });
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          const prefixed: Record<string, string> = {};
          for (const [key, value] of Object.entries(data as Record<string, string>)) prefixed[`${PLUGIN_ID}.${key}`] = value;
          return { data: prefixed, locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};
