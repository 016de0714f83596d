/** One thing that arrived from a partner and what the importer did with it (`GET /syndication/partners/:id/received`). */
export default {
  kind: 'collectionType',
  collectionName: 'syndication_received_log',
  info: {
    singularName: 'received-log',
    pluralName: 'received-logs',
    displayName: 'Syndication received log',
    description: 'What arrived from a partner, and the outcome',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  indexes: [{ name: 'syndication_received_log_partner_idx', columns: ['partner_id', 'id'] }],
  attributes: {
    partnerId: { type: 'integer', required: true },
    receivedItemId: { type: 'integer' },
    externalId: { type: 'text', required: true },
    title: { type: 'string', maxLength: 300 },
    via: { type: 'enumeration', enum: ['push', 'feed'], required: true },
    version: { type: 'string', maxLength: 40 },
    outcome: { type: 'enumeration', enum: ['created', 'updated', 'pending', 'unpublished', 'rejected'], required: true },
    reason: { type: 'text' },
    storyDocumentId: { type: 'string', maxLength: 64 },
    locales: { type: 'json' },
    skippedLocales: { type: 'json' },
    unknownTopics: { type: 'json' },
    /** For a held update: the fields that would change (`en.title`, `ru.body`, `topics`). */
    changes: { type: 'json' },
    /** A held update that was applied (accepted) or replaced by a newer one. */
    resolved: { type: 'enumeration', enum: ['accepted', 'superseded'] },
  },
};
