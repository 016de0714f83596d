/** The log of every attempt of a delivery: when, what the partner answered, how long it took. */
export default {
  kind: 'collectionType',
  collectionName: 'syndication_delivery_attempts',
  info: {
    singularName: 'delivery-attempt',
    pluralName: 'delivery-attempts',
    displayName: 'Syndication delivery attempt',
    description: 'One HTTP attempt of a delivery',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  indexes: [{ name: 'syndication_delivery_attempts_delivery_idx', columns: ['delivery_id', 'id'] }],
  attributes: {
    deliveryId: { type: 'integer', required: true },
    partnerId: { type: 'integer', required: true },
    webhookId: { type: 'string', required: true, maxLength: 64 },
    number: { type: 'integer', required: true },
    startedAt: { type: 'datetime', required: true },
    durationMs: { type: 'integer' },
    statusCode: { type: 'integer' },
    error: { type: 'text' },
    /** The first bytes of the partner's answer (push.responseBodyBytes). */
    responseBody: { type: 'text' },
    outcome: { type: 'enumeration', enum: ['succeeded', 'retrying', 'failed'], required: true },
    /** Which process made the attempt (host:pid:random), for diagnosis. */
    worker: { type: 'string', maxLength: 100 },
  },
};
