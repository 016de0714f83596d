/**
 * One story a partner sent us, by (partner, external id): THE key that makes a story received
 * by push and by feed, in any order, and 20 times at once, one local document. `itemKey`
 * (partner id + a hash of the external id) is unique; the importer locks the row while it
 * imports (services/inbound).
 */
export default {
  kind: 'collectionType',
  collectionName: 'syndication_received_items',
  info: {
    singularName: 'received-item',
    pluralName: 'received-items',
    displayName: 'Syndication received item',
    description: 'A partner story imported here: its local document, version and held update',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  indexes: [
    { name: 'syndication_received_items_story_idx', columns: ['story_document_id'] },
    // Strapi's `unique` is checked by the app only; the database must refuse a second row.
    { name: 'syndication_received_items_key_uq', columns: ['item_key'], type: 'unique' },
  ],
  attributes: {
    itemKey: { type: 'string', required: true, unique: true, maxLength: 100 },
    partnerId: { type: 'integer', required: true },
    externalId: { type: 'text', required: true },
    storyDocumentId: { type: 'string', maxLength: 64 },
    /** The source's version last imported (ISO instant). */
    version: { type: 'string', maxLength: 40 },
    /** Hash of the local copy's editable fields right after the last import: another hash means an editor changed it. */
    importedHash: { type: 'string', maxLength: 64 },
    /** The local copy was published by this import (policy `publish`): a withdrawal unpublishes it. */
    publishedByImport: { type: 'boolean', default: false },
    /** The source withdrew it (at `withdrawnVersion`): nothing older is imported again. */
    withdrawn: { type: 'boolean', default: false },
    withdrawnVersion: { type: 'string', maxLength: 40 },
    licence: { type: 'string', maxLength: 64 },
    /** An update held for an editor (JSON of the InboundStory), applied on acceptance. */
    heldItem: { type: 'text' },
    heldLogId: { type: 'integer' },
  },
};
