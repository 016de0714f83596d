/**
 * A partner federation: outbound (it receives signed pushes of our stories at `endpointUrl`),
 * inbound (it sends us its stories, signed to our inbox or in a feed: `inbound`), or both. Hidden from the Content
 * Manager and the Content-Type Builder: partners are managed on the plugin's own admin page
 * and API (controllers/partners), which never show the secret after it was created.
 */
export default {
  kind: 'collectionType',
  collectionName: 'syndication_partners',
  info: {
    singularName: 'partner',
    pluralName: 'partners',
    displayName: 'Syndication partner',
    description: 'A partner federation we push stories to, receive stories from, or both',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  indexes: [{ name: 'syndication_partners_inbox_uq', columns: ['inbox_id'], type: 'unique' }],
  attributes: {
    name: { type: 'string', required: true, maxLength: 200 },
    organisation: { type: 'relation', relation: 'manyToOne', target: 'api::organisation.organisation' },
    /** Where pushes go; none: we push nothing to this partner. */
    endpointUrl: { type: 'string', maxLength: 2048 },
    /** Standard Webhooks `whsec_` secret, encrypted with the admin ENCRYPTION_KEY when set. */
    secret: { type: 'text', required: true, private: true, configurable: false },
    /** Locale codes; empty: every locale. */
    locales: { type: 'json' },
    /** Topic slugs; empty: every story, else stories with at least one of them. */
    topics: { type: 'json' },
    status: { type: 'enumeration', enum: ['active', 'paused', 'disabled'], default: 'active', required: true },
    disabledReason: { type: 'string', maxLength: 1000 },
    disabledAt: { type: 'datetime' },
    /** Inbound settings (validation/inbound): { enabled, policy, updates, feedUrl, pollInterval, locales, topicMap }. */
    inbound: { type: 'json' },
    /** Random and opaque: the partner's inbox is `{PUBLIC_URL}/api/syndication/inbox/{inboxId}`. */
    inboxId: { type: 'string', unique: true, maxLength: 64, configurable: false },
    /** The secret the partner signs its pushes with, encrypted like `secret`. */
    inboundSecret: { type: 'text', private: true, configurable: false },
    /** Stories received from other partners are pushed to this one (if their licence allows). */
    forwardReceived: { type: 'boolean', default: false },
  },
};
