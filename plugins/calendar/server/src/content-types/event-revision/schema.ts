/**
 * The iCalendar SEQUENCE of an event in one locale: 0 at its first publication, +1 at each
 * later publication of that locale (see services/revisions). Kept in the database so every
 * process agrees and it never goes backwards. Internal: hidden from the admin panel.
 */
export default {
  kind: 'collectionType',
  collectionName: 'calendar_event_revisions',
  info: {
    singularName: 'event-revision',
    pluralName: 'event-revisions',
    displayName: 'Calendar event revision',
    description: 'iCalendar SEQUENCE per event and locale (internal)',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  attributes: {
    eventDocumentId: { type: 'string', required: true, maxLength: 64 },
    locale: { type: 'string', required: true, maxLength: 16 },
    sequence: { type: 'integer', required: true, default: 0, min: 0 },
  },
};
