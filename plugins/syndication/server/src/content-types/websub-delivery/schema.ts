/**
 * One new feed body to push to one WebSub subscriber, the delivery queue's way (claimed with a
 * lease, retried on the push schedule). The body is stored as sent, so a retry sends the same
 * bytes with the same signature. A newer delivery for the same subscription supersedes a
 * pending older one: a subscriber gets the full feed, so only the latest matters.
 */
export default {
  kind: 'collectionType',
  collectionName: 'syndication_websub_deliveries',
  info: {
    singularName: 'websub-delivery',
    pluralName: 'websub-deliveries',
    displayName: 'WebSub delivery',
    description: 'A feed body pushed to a WebSub subscriber, with its retry state',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  indexes: [
    { name: 'syndication_websub_deliveries_due_idx', columns: ['status', 'next_attempt_at'] },
    { name: 'syndication_websub_deliveries_subscription_idx', columns: ['subscription_id', 'status'] },
  ],
  attributes: {
    subscriptionId: { type: 'integer', required: true },
    topic: { type: 'string', required: true, maxLength: 2048 },
    etag: { type: 'string', maxLength: 100 },
    contentType: { type: 'string', required: true, maxLength: 100 },
    body: { type: 'text', required: true },
    status: { type: 'enumeration', enum: ['pending', 'succeeded', 'failed', 'superseded'], default: 'pending', required: true },
    attemptCount: { type: 'integer', default: 0 },
    nextAttemptAt: { type: 'biginteger', required: true },
    leaseOwner: { type: 'string', maxLength: 100 },
    leaseUntil: { type: 'biginteger' },
    lastStatusCode: { type: 'integer' },
    lastError: { type: 'text' },
    completedAt: { type: 'datetime' },
  },
};
