import { PLUGIN_ID } from './pluginId';

type Message = { id: string; defaultMessage: string };

interface AdminApp {
  registerPlugin: (plugin: Record<string, unknown>) => void;
  customFields: { register: (fields: Array<Record<string, unknown>>) => void };
}

const message = (key: string, defaultMessage: string): Message => ({ id: `${PLUGIN_ID}.${key}`, defaultMessage });

/**
 * Admin entry of the editor-fields plugin: the inputs of its custom fields (the server registers
 * the same names, server/src/custom-fields.ts). Each input is loaded when a form first shows it.
 */
export default {
  register(app: AdminApp) {
    app.customFields.register([
      {
        name: 'country',
        pluginId: PLUGIN_ID,
        type: 'string',
        intlLabel: message('country.label', 'Country'),
        intlDescription: message('country.description', 'ISO 3166-1 country, picked by name'),
        components: { Input: async () => import('./components/CountryInput') },
      },
      {
        name: 'time-zone',
        pluginId: PLUGIN_ID,
        type: 'string',
        intlLabel: message('time-zone.label', 'Time zone'),
        intlDescription: message('time-zone.description', 'IANA time zone, by region, with its UTC offset'),
        components: { Input: async () => import('./components/TimeZoneInput') },
      },
      {
        name: 'licence',
        pluginId: PLUGIN_ID,
        type: 'string',
        intlLabel: message('licence.label', 'Licence'),
        intlDescription: message('licence.description', 'SPDX licence the server supports'),
        components: { Input: async () => import('./components/LicenceInput') },
      },
      {
        name: 'zoned-datetime',
        pluginId: PLUGIN_ID,
        type: 'datetime',
        intlLabel: message('zoned-datetime.label', 'Local date and time'),
        intlDescription: message('zoned-datetime.description', 'A UTC instant, entered as the local time of the time zone beside it'),
        components: { Input: async () => import('./components/ZonedDateTimeInput') },
      },
    ]);
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
