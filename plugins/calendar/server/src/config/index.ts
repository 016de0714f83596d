import { yup } from '@strapi/utils';
import { CONTENT_TYPE_KEYS, type ContentTypesConfig } from './content-types';

export type CalendarConfig = {
  /** Calendar name shown by calendar apps (X-WR-CALNAME). */
  calendarName: string;
  /**
   * Address put in each VEVENT's ORGANIZER (with the organising organisation as CN).
   * iCalendar's ORGANIZER must be a mail address and organisations carry none, so without
   * one ORGANIZER is left out rather than invented. Env: CALENDAR_ORGANIZER_EMAIL.
   */
  organizerEmail: string | null;
  /**
   * Public page of an event, with {slug} and {locale} placeholders, used for URL (iCalendar)
   * and url (JSON-LD). Defaults to the event's JSON-LD resource on this CMS, which always
   * exists; a federation with a website sets its own page. Env: CALENDAR_EVENT_URL.
   */
  eventUrlTemplate: string;
  /** Cache-Control max-age of the public responses, in seconds. */
  maxAge: number;
  /** How often subscribed calendar apps should refresh (REFRESH-INTERVAL), in seconds. */
  refreshInterval: number;
  /** Most events one .ics feed holds (newest first beyond that): bounds work and response size. */
  maxFeedEvents: number;
  /**
   * The app's content types the plugin reads (uids such as `api::event.event`), named by the
   * host app: no defaults. Checked at boot for the attributes listed in config/content-types.
   */
  contentTypes: ContentTypesConfig;
};

export const defaultConfig = ({ env }: { env: (key: string, fallback?: string) => string | undefined }): Omit<CalendarConfig, 'contentTypes'> => ({
  calendarName: 'Union events',
  organizerEmail: env('CALENDAR_ORGANIZER_EMAIL') || null,
  eventUrlTemplate: env('CALENDAR_EVENT_URL') || '{publicUrl}/api/calendar/events/{slug}/jsonld?locale={locale}',
  maxAge: 300,
  refreshInterval: 3600,
  maxFeedEvents: 1000,
});

const configSchema = yup
  .object({
    calendarName: yup.string().trim().min(1).max(200).required(),
    organizerEmail: yup.string().email().nullable(),
    eventUrlTemplate: yup
      .string()
      .required()
      .matches(/\{slug\}/, 'eventUrlTemplate must contain {slug}'),
    maxAge: yup.number().integer().min(0).required(),
    refreshInterval: yup.number().integer().min(60).required(),
    maxFeedEvents: yup.number().integer().min(1).max(100000).required(),
    contentTypes: yup
      .object(Object.fromEntries(CONTENT_TYPE_KEYS.map((key) => [key, yup.string().required(`contentTypes.${key} is required (a content-type uid)`)])))
      .noUnknown()
      .required('contentTypes is required: the uids of the event, participant, organisation, guide and topic types'),
  })
  .noUnknown();

export default {
  default: defaultConfig,
  validator(config: unknown) {
    configSchema.validateSync(config, { strict: true, abortEarly: false });
  },
};
