/**
 * One event (a story published, updated or unpublished) to push to one partner: the queue
 * row the dispatcher claims. The payload is stored as the exact bytes that are signed, so a
 * redelivery sends the same message under the same `webhook-id`.
 *
 * Times the queue compares in SQL (`nextAttemptAt`, `leaseUntil`) are epoch milliseconds, the
 * same number on SQLite and PostgreSQL.
 */
export default {
  kind: 'collectionType',
  collectionName: 'syndication_deliveries',
  info: {
    singularName: 'delivery',
    pluralName: 'deliveries',
    displayName: 'Syndication delivery',
    description: 'A signed push of a story event to a partner, with its retry state',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  indexes: [
    { name: 'syndication_deliveries_due_idx', columns: ['status', 'next_attempt_at'] },
    { name: 'syndication_deliveries_partner_idx', columns: ['partner_id', 'id'] },
  ],
  attributes: {
    webhookId: { type: 'string', required: true, unique: true, maxLength: 64 },
    partnerId: { type: 'integer', required: true },
    event: { type: 'enumeration', enum: ['story.published', 'story.updated', 'story.unpublished'], required: true },
    storyDocumentId: { type: 'string', required: true, maxLength: 64 },
    locales: { type: 'json' },
    payload: { type: 'text', required: true },
    status: { type: 'enumeration', enum: ['pending', 'succeeded', 'failed'], default: 'pending', required: true },
    /** Attempts ever made, and attempts since the delivery was (re)queued (the retry schedule's position). */
    attemptCount: { type: 'integer', default: 0 },
    runAttempts: { type: 'integer', default: 0 },
    nextAttemptAt: { type: 'biginteger', required: true },
    leaseOwner: { type: 'string', maxLength: 100 },
    leaseUntil: { type: 'biginteger' },
    lastStatusCode: { type: 'integer' },
    lastError: { type: 'text' },
    completedAt: { type: 'datetime' },
  },
};
