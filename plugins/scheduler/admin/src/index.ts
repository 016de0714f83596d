import { Clock } from '@strapi/icons';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { SchedulePanel } from './components/SchedulePanel';
import { PLUGIN_ID } from './pluginId';

interface ContentManagerApis {
  addEditViewSidePanel(panels: PanelComponent[]): void;
}

interface AdminApp {
  addMenuLink: (link: Record<string, unknown>) => void;
  registerPlugin: (plugin: Record<string, unknown>) => void;
  getPlugin: (id: string) => { apis: Record<string, unknown> };
}

/** Admin panel entry of the scheduler: a Scheduled page in the main menu and a Schedule panel in the edit view. */
export default {
  register(app: AdminApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Clock,
      intlLabel: { id: `${PLUGIN_ID}.page.title`, defaultMessage: 'Scheduled' },
      // Shown to admins who may read scheduled actions (Settings > Roles > Plugins > Scheduler).
      permissions: [{ action: 'plugin::scheduler.actions.read', subject: null }],
      Component: () => import('./pages/ScheduledPage'),
    });
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },

  bootstrap(app: AdminApp) {
    // The content manager's plugin API (Strapi 5); its apis are typed loosely by the admin.
    const apis = app.getPlugin('content-manager').apis as unknown as ContentManagerApis;
    apis.addEditViewSidePanel([SchedulePanel]);
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
