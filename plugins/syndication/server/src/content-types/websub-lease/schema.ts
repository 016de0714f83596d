/**
 * Our WebSub subscription to one partner's feed (services/websub-subscriber): the hub and topic
 * discovered by the poller, the opaque callback id of `/websub/callback/:id`, where the
 * subscription stands, and the last push waiting for the poller's import. No secret: the one the
 * hub signs with is derived from the callback id and the app's key, so no answer (the Content
 * Manager's included) can show it. One per partner; claimed like feed states (utils/claim).
 */
export default {
  kind: 'collectionType',
  collectionName: 'syndication_websub_leases',
  info: {
    singularName: 'websub-lease',
    pluralName: 'websub-leases',
    displayName: 'Syndication WebSub lease',
    description: 'Our WebSub subscription to a partner feed',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  // Strapi's `unique` is checked by the app only; the database must refuse a second row (two
  // processes discovering a hub at once would subscribe twice).
  indexes: [
    { name: 'syndication_websub_leases_partner_uq', columns: ['partner_id'], type: 'unique' },
    { name: 'syndication_websub_leases_callback_uq', columns: ['callback_id'], type: 'unique' },
  ],
  attributes: {
    partnerId: { type: 'integer', required: true, unique: true },
    /** The partner's `inbound.feedUrl` the subscription was discovered from: another one ends it. */
    feedUrl: { type: 'string', maxLength: 2048, required: true },
    topic: { type: 'string', maxLength: 2048, required: true },
    /** The hub the feed advertises; `hub` is where requests go, moved by the hub's permanent redirects. */
    advertisedHub: { type: 'string', maxLength: 2048, required: true },
    hub: { type: 'string', maxLength: 2048, required: true },
    callbackId: { type: 'string', maxLength: 64, required: true, unique: true },
    state: { type: 'enumeration', enum: ['requested', 'active', 'denied', 'unsubscribing'], required: true },
    /** The lease the hub granted, in seconds. */
    leaseSeconds: { type: 'integer' },
    /** Epoch ms (the subscriber's clock). */
    leaseEndsAt: { type: 'biginteger' },
    /** When the job next acts on the row (subscribe, renew, unsubscribe); null: nothing to do. */
    nextActionAt: { type: 'biginteger' },
    /** Epoch ms of the last (un)subscription request the hub accepted, before its verification. */
    requestSentAt: { type: 'biginteger' },
    verifiedAt: { type: 'datetime' },
    lastNotificationAt: { type: 'datetime' },
    failureCount: { type: 'integer', default: 0 },
    lastError: { type: 'text' },
    deniedReason: { type: 'text' },
    /** The latest correctly signed push, until the poller has imported it. */
    pushedBody: { type: 'text' },
    pushedContentType: { type: 'string', maxLength: 200 },
    /** Epoch ms of the push (so a newer one is not cleared by the import of an older). */
    pushedAt: { type: 'biginteger' },
    leaseOwner: { type: 'string', maxLength: 100 },
    leaseUntil: { type: 'biginteger' },
  },
};
