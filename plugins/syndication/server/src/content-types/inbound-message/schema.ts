/**
 * A signed push a partner sent to our inbox, verified and accepted (202), waiting for the
 * worker to import it: the inbound twin of a delivery. The row is written before the answer, so
 * an accepted message survives a crash; the worker claims it with a lease (utils/claim) and
 * marks it done after the import. `messageKey` (partner + `webhook-id`) is unique: a replayed or
 * concurrent duplicate is accepted again and imported once.
 */
export default {
  kind: 'collectionType',
  collectionName: 'syndication_inbound_messages',
  info: {
    singularName: 'inbound-message',
    pluralName: 'inbound-messages',
    displayName: 'Syndication inbound message',
    description: 'A signed push received from a partner, queued for import',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  indexes: [
    { name: 'syndication_inbound_messages_due_idx', columns: ['status', 'next_attempt_at'] },
    // Strapi's `unique` is checked by the app only; the database must refuse a second row.
    { name: 'syndication_inbound_messages_key_uq', columns: ['message_key'], type: 'unique' },
  ],
  attributes: {
    messageKey: { type: 'string', required: true, unique: true, maxLength: 200 },
    partnerId: { type: 'integer', required: true },
    webhookId: { type: 'string', required: true, maxLength: 180 },
    /** The verified body, as received. */
    payload: { type: 'text', required: true },
    status: { type: 'enumeration', enum: ['pending', 'done', 'failed'], default: 'pending', required: true },
    attemptCount: { type: 'integer', default: 0 },
    /** Epoch ms. */
    nextAttemptAt: { type: 'biginteger', required: true },
    leaseOwner: { type: 'string', maxLength: 100 },
    leaseUntil: { type: 'biginteger' },
    lastError: { type: 'text' },
  },
};
