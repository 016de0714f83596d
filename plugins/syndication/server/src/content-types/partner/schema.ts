/**
 * A partner federation that receives signed pushes of stories. Hidden from the Content
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
    description: 'A partner federation receiving signed pushes of stories',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  attributes: {
    name: { type: 'string', required: true, maxLength: 200 },
    organisation: { type: 'relation', relation: 'manyToOne', target: 'api::organisation.organisation' },
    endpointUrl: { type: 'string', required: true, maxLength: 2048 },
    /** Standard Webhooks `whsec_` secret, encrypted with the admin ENCRYPTION_KEY when set. */
    secret: { type: 'text', required: true, private: true, configurable: false },
    /** Locale codes; empty: every locale. */
    locales: { type: 'json' },
    /** Topic slugs; empty: every story, else stories with at least one of them. */
    topics: { type: 'json' },
    status: { type: 'enumeration', enum: ['active', 'paused', 'disabled'], default: 'active', required: true },
    disabledReason: { type: 'string', maxLength: 1000 },
    disabledAt: { type: 'datetime' },
  },
};
