/**
 * The polling state of one partner's feed (`inbound.feedUrl`): when it is due, the validators
 * of the last answer (conditional GET), the backoff, and a lease so that one process polls a
 * feed at a time (utils/claim). Owned by the feed poller (services/feed-poller*).
 */
export default {
  kind: 'collectionType',
  collectionName: 'syndication_feed_states',
  info: {
    singularName: 'feed-state',
    pluralName: 'feed-states',
    displayName: 'Syndication feed state',
    description: 'Polling state of a partner feed',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  // Strapi's `unique` is checked by the app only; the database must refuse a second row, or two
  // processes that see a new partner at once each create a state and poll the feed side by side.
  indexes: [{ name: 'syndication_feed_states_partner_uq', columns: ['partner_id'], type: 'unique' }],
  attributes: {
    partnerId: { type: 'integer', required: true, unique: true },
    feedUrl: { type: 'string', maxLength: 2048 },
    /** Epoch ms. */
    nextPollAt: { type: 'biginteger', required: true },
    etag: { type: 'string', maxLength: 1000 },
    lastModified: { type: 'string', maxLength: 100 },
    failureCount: { type: 'integer', default: 0 },
    lastError: { type: 'text' },
    lastPolledAt: { type: 'datetime' },
    lastStatusCode: { type: 'integer' },
    leaseOwner: { type: 'string', maxLength: 100 },
    leaseUntil: { type: 'biginteger' },
    /** What the poller remembers of the feed's items (utils/feed-items `FeedMemory`): unchanged items are not handed over again, translations keep their story. */
    items: { type: 'json' },
  },
};
