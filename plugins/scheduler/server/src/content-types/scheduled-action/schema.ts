/**
 * One scheduled publish or unpublish of one document in one locale: the row the runner claims.
 *
 * `runAt` and `leaseUntil` are compared in SQL by the claim (utils/claim), so they are epoch
 * milliseconds, the same number on SQLite and PostgreSQL; `timeZone` is the IANA zone the time
 * was entered in, kept to show it back as the editor meant it. `target*`: Strapi reserves
 * `documentId` and `locale` on every content type.
 */
export default {
  kind: 'collectionType',
  collectionName: 'scheduler_actions',
  info: {
    singularName: 'scheduled-action',
    pluralName: 'scheduled-actions',
    displayName: 'Scheduled action',
    description: 'A publish or unpublish of a document at a set time',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  indexes: [
    { name: 'scheduler_actions_due_idx', columns: ['status', 'run_at'] },
    { name: 'scheduler_actions_target_idx', columns: ['target_uid', 'target_document_id', 'target_locale'] },
  ],
  attributes: {
    targetUid: { type: 'string', required: true, maxLength: 255 },
    targetDocumentId: { type: 'string', required: true, maxLength: 64 },
    /** Null for a type that is not localised. */
    targetLocale: { type: 'string', maxLength: 32 },
    action: { type: 'enumeration', enum: ['publish', 'unpublish'], required: true },
    runAt: { type: 'biginteger', required: true },
    timeZone: { type: 'string', required: true, maxLength: 64 },
    status: { type: 'enumeration', enum: ['pending', 'running', 'done', 'failed', 'cancelled'], default: 'pending', required: true },
    leaseOwner: { type: 'string', maxLength: 100 },
    leaseUntil: { type: 'biginteger' },
    /** Runs started (claims); a crash mid-run leaves one more than runs finished. */
    attempts: { type: 'integer', default: 0 },
    lastError: { type: 'text' },
    /** The admin user who scheduled it (an id: the job outlives neither nor needs the user's fields). */
    scheduledBy: { type: 'integer' },
    doneAt: { type: 'datetime' },
  },
};
