import type { PushEvent } from './payload';

/**
 * Which partner gets which event for a change of a story's published versions. Pure: the
 * caller (services/deliveries) reads the versions, the partners and the story, and turns
 * each planned delivery into a payload and a queue row.
 */

/** A published version of the story: its row id tells a republished version from the old one. */
export interface PublishedVersion {
  id: number;
  locale: string;
}

export type PartnerStatus = 'active' | 'paused' | 'disabled';

/** A partner as far as planning goes: its filters (empty means all) and whether it receives. */
export interface PlannedPartner {
  id: number;
  status: PartnerStatus;
  locales: string[];
  topics: string[];
}

/** What the plan needs to know of the story as it is after the change. */
export interface StoryFacts {
  allowed: boolean;
  embargoUntil: string | number | Date | null;
  /** Topic slugs. */
  topics: string[];
}

export interface PlanInput {
  before: PublishedVersion[];
  after: PublishedVersion[];
  partners: PlannedPartner[];
  /**
   * The story after the change; null when no locale was (re)published, as then nothing is
   * read: a pure take-down plans as if syndication were allowed.
   */
  story: StoryFacts | null;
  now: Date;
}

interface PlannedBase {
  partnerId: number;
  /** The delivery's locales (those the event is about). */
  locales: string[];
  /** When it may first be sent (epoch ms): the embargo's end, or now. */
  dueAt: number;
}

/** `story.published` / `story.updated`: the payload carries `payloadLocales`, every published locale the partner takes. */
export interface PlannedStoryDelivery extends PlannedBase {
  event: Exclude<PushEvent, 'story.unpublished'>;
  payloadLocales: string[];
}

export interface PlannedUnpublishedDelivery extends PlannedBase {
  event: 'story.unpublished';
  reason: 'unpublished' | 'withdrawn';
  remainingLocales: string[];
}

export type PlannedDelivery = PlannedStoryDelivery | PlannedUnpublishedDelivery;

/** The locales of a story change: (re)published in this change, and no longer published. */
export interface PublishedChange {
  changed: string[];
  removed: string[];
}

/** Partners that get new deliveries; a paused one queues them until it is resumed. */
const RECEIVING: ReadonlySet<PartnerStatus> = new Set<PartnerStatus>(['active', 'paused']);

export const receives = (partner: Pick<PlannedPartner, 'status'>): boolean => RECEIVING.has(partner.status);

/** The values a filter takes (an empty filter takes all). */
const taken = (filter: string[], values: string[]): string[] => (filter.length === 0 ? values : values.filter((value) => filter.includes(value)));

export const publishedChange = (before: PublishedVersion[], after: PublishedVersion[]): PublishedChange => {
  const beforeIds = new Set(before.map((version) => version.id));
  const afterLocales = after.map((version) => version.locale);
  return {
    // A new row id in a locale: published for the first time, or republished.
    changed: after.filter((version) => !beforeIds.has(version.id)).map((version) => version.locale),
    removed: before.map((version) => version.locale).filter((locale) => !afterLocales.includes(locale)),
  };
};

export const isNoChange = ({ changed, removed }: PublishedChange): boolean => changed.length === 0 && removed.length === 0;

const embargoEnd = (embargoUntil: StoryFacts['embargoUntil']): number => (embargoUntil ? new Date(embargoUntil).getTime() : 0);

/**
 * The deliveries a change calls for, per partner in the partners' order: first the
 * published/updated (or withdrawn) event of the locales that were (re)published, then the
 * unpublished event of the locales taken down.
 */
export const planDeliveries = ({ before, after, partners, story, now }: PlanInput): PlannedDelivery[] => {
  const change = publishedChange(before, after);
  if (isNoChange(change)) return [];
  const { changed, removed } = change;
  const beforeLocales = before.map((version) => version.locale);
  const afterLocales = after.map((version) => version.locale);
  const allowed = story === null || story.allowed;
  const storyTopics = story?.topics ?? [];
  const nowMs = now.getTime();
  // An embargoed story goes out when the embargo ends.
  const storyDueAt = Math.max(embargoEnd(story?.embargoUntil ?? null), nowMs);
  const plan: PlannedDelivery[] = [];

  for (const partner of partners.filter(receives)) {
    const partnerChanged = taken(partner.locales, changed);
    const partnerRemoved = taken(partner.locales, removed);
    const heldBefore = taken(partner.locales, beforeLocales).length > 0;
    const topicMatch = partner.topics.length === 0 || storyTopics.some((slug) => partner.topics.includes(slug));
    if (partnerChanged.length > 0 && topicMatch && allowed) {
      plan.push({
        partnerId: partner.id,
        event: heldBefore ? 'story.updated' : 'story.published',
        locales: partnerChanged,
        payloadLocales: taken(partner.locales, afterLocales),
        dueAt: storyDueAt,
      });
    } else if (partnerChanged.length > 0 && !allowed && heldBefore) {
      // Syndication was turned off for a story the partner may hold: it takes it down.
      plan.push({
        partnerId: partner.id,
        event: 'story.unpublished',
        reason: 'withdrawn',
        locales: taken(partner.locales, afterLocales),
        remainingLocales: [],
        dueAt: nowMs,
      });
    }
    if (partnerRemoved.length > 0) {
      plan.push({
        partnerId: partner.id,
        event: 'story.unpublished',
        reason: 'unpublished',
        locales: partnerRemoved,
        remainingLocales: allowed ? taken(partner.locales, afterLocales) : [],
        dueAt: nowMs,
      });
    }
  }
  return plan;
};
