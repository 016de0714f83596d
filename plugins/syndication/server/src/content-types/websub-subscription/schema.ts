/**
 * A verified WebSub subscription to one of our feeds (the hub, services/websub-hub): which
 * callback gets which topic until when, and how its deliveries went. One row per topic and
 * callback (a re-subscription renews the lease). Times compared in SQL are epoch milliseconds.
 */
export default {
  kind: 'collectionType',
  collectionName: 'syndication_websub_subscriptions',
  info: {
    singularName: 'websub-subscription',
    pluralName: 'websub-subscriptions',
    displayName: 'WebSub subscription',
    description: 'A subscriber of one of our feeds (WebSub hub)',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  indexes: [{ name: 'syndication_websub_subscriptions_topic_idx', columns: ['topic', 'callback'] }],
  attributes: {
    /** Canonical topic URL (utils/websub-topic). */
    topic: { type: 'string', required: true, maxLength: 2048 },
    callback: { type: 'string', required: true, maxLength: 2048 },
    /** `hub.secret`, encrypted with the admin ENCRYPTION_KEY when set; never in any answer. */
    secret: { type: 'text', private: true },
    leaseSeconds: { type: 'integer', required: true },
    /** Epoch ms: the subscription stops (and is pruned) then. */
    expiresAt: { type: 'biginteger', required: true },
    lastDeliveryAt: { type: 'datetime' },
    lastDeliveryStatus: { type: 'integer' },
    /** Failed delivery attempts since the last success (reset by a success). */
    failureCount: { type: 'integer', default: 0 },
  },
};
