/**
 * The contract between the inbound paths (signed pushes to the inbox, feed polling) and the
 * importer (`services/inbound`). Every inbound path normalises what it received into one
 * `InboundStory` and calls
 *
 *   getService(strapi, 'inbound').receive(partnerId, item): Promise<ReceivedOutcome>
 *
 * which applies the import rules (README, "What happens to a received story"), records one row
 * of the received log (`plugin::syndication.received-log`, newest first in
 * `GET /syndication/partners/:id/received`) and answers what it did. `receive` never throws for
 * bad content: a story it cannot import is `rejected` with a reason; it throws only when the
 * partner does not exist (NotFoundError) or the database fails (the caller retries later).
 *
 * Worker hook (for the feed poller): the delivery worker (`services/dispatcher`) runs extra jobs
 * on each of its polls. Register one at bootstrap (before `dispatcher.start()`, or any time:
 * it runs from the next poll on):
 *
 *   getService(strapi, 'dispatcher').registerJob({ name: 'feed-poll', run: async (context) => { ... } });
 *
 * `run(context)` is called at most once at a time per job in a process, on every poll of the
 * worker (`push.pollIntervalMs`), and awaited by `dispatcher.stop()`; `context.owner` is this
 * process's worker id, `context.stopping()` says the worker is stopping (give your leases back),
 * `context.agents` are the SSRF-safe http(s) agents. Cross-process exclusivity is claiming
 * rows: `claimDueRows(strapi, { uid, owner, limit, leaseMs, due })` in `utils/claim` runs the
 * same `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING id` as the delivery
 * queue on any content type that has the attributes `leaseOwner` (string) and `leaseUntil`
 * (biginteger, epoch ms); `due(query)` adds your own conditions (e.g. `nextPollAt <= now`).
 * `releaseLease(strapi, uid, id, owner)` gives a row back. The content type
 * `plugin::syndication.feed-state` (`content-types/feed-state`, one row per partner with a
 * feed) carries those plus the conditional-GET and backoff state; change its fields as the
 * poller needs (it is the poller's).
 */

/** One received story, the same for a v1 push and a feed item (or a group of translated items). */
export interface InboundTranslation {
  /** A locale code as the source gave it (`en`, `ru`); filtered by our enabled locales and `inbound.locales`. */
  locale: string;
  title: string;
  lead: string | null;
  /** Markdown (a feed's HTML sanitized and converted with turndown by the feed side). */
  body: string;
  /** The original page: becomes `source.url` and the local `canonicalUrl`. */
  url: string;
  /** Wanted slug; null: derived from the title. Made unique locally when taken. */
  slug: string | null;
  /** ISO instant of the source's publication, when known. */
  publishedAt: string | null;
}

export interface InboundStory {
  /** Stable id of the story at the source: the v1 `documentId`, a feed item's `guid`/`id` (else its link). */
  externalId: string;
  /** ISO instant of the source's last change (`updatedAt` / `updated` / `date_modified`): newer wins, older is ignored. */
  version: string;
  via: 'push' | 'feed';
  /** SPDX id the source granted; null: none given (the story is held for an editor, never published). */
  licence: string | null;
  /** Topic slugs as the source gave them; mapped by `inbound.topicMap`, else by slug; unknown ones are listed. */
  topics: string[];
  /** The source unpublished or deleted it (v1 `story.unpublished`, Atom `at:deleted-entry`). */
  withdrawn: boolean;
  /** The story's language versions (empty for a withdrawal). */
  translations: InboundTranslation[];
  /** For `withdrawn`: the locales withdrawn; absent or empty: all of them. */
  withdrawnLocales?: string[];
}

/**
 * The log's outcomes (the contract). An item changing nothing (an older or the same
 * version again, an update of a `frozen` partner, a stale item the source withdrew) is
 * `rejected` with the reason.
 */
export type ReceivedOutcomeKind = 'created' | 'updated' | 'pending' | 'unpublished' | 'rejected';

export interface ReceivedOutcome {
  outcome: ReceivedOutcomeKind;
  /** The local Story's document id (null when rejected before one existed). */
  documentId: string | null;
  /** For `rejected` (and notes such as a held publication): why. */
  reason: string | null;
  /** Locales imported. */
  locales: string[];
  /** Locales left out (not enabled here, or outside `inbound.locales`). */
  skippedLocales: string[];
  /** Topics with no local match, listed rather than created. */
  unknownTopics: string[];
}
