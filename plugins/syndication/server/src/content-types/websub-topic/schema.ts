/**
 * A topic (canonical feed URL) that has or had subscribers: the ETag last distributed and the
 * persisted "dirty" mark. A story change bumps `changeSeq` inside its own transaction; the
 * distribution job claims topics with `changeSeq > distributedSeq` (or a due re-check, for
 * embargoes that end without a write), renders the feed, and, in one transaction, enqueues the
 * deliveries when the ETag moved and sets `distributedSeq` to the `changeSeq` it started from.
 */
export default {
  kind: 'collectionType',
  collectionName: 'syndication_websub_topics',
  info: {
    singularName: 'websub-topic',
    pluralName: 'websub-topics',
    displayName: 'WebSub topic',
    description: 'Distribution state of a feed with WebSub subscribers',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  attributes: {
    url: { type: 'string', required: true, unique: true, maxLength: 2048 },
    etag: { type: 'string', maxLength: 100 },
    changeSeq: { type: 'biginteger', default: '0', required: true },
    distributedSeq: { type: 'biginteger', default: '0', required: true },
    /** Epoch ms: render again then even without a change (an embargo ends; a periodic check). */
    nextCheckAt: { type: 'biginteger', required: true },
    leaseOwner: { type: 'string', maxLength: 100 },
    leaseUntil: { type: 'biginteger' },
  },
};
