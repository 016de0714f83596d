import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import type { ContentTypeKey } from '../config/content-types';
import { uidOf } from '../utils/plugin-config';
import { h, htmlDocument, trustedHtml, type Child, type SafeHtml } from '../utils/html';
import type { PreviewClaims } from '../utils/token';

type Row = Record<string, unknown>;

/** The app's public-read rule (src/privacy/public-reads.ts), reached through Strapi's container. */
type PublicReadRule = { trusted<T>(fn: () => T): T };
const PUBLIC_READ_RULE = 'union-comms.public-reads';

type SyndicationHtml = { storyBody(markdown: string | null | undefined): string };

const text = (row: Row | null | undefined, key: string): string | null => {
  const value = row?.[key];
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;
};
const rows = (value: unknown): Row[] => (Array.isArray(value) ? value.filter((item): item is Row => typeof item === 'object' && item !== null) : []);
const one = (value: unknown): Row | null => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Row) : null);
const names = (value: unknown, key = 'name'): string | null =>
  rows(value)
    .map((row) => text(row, key))
    .filter((name): name is string => name !== null)
    .join(', ') || null;

/** Only the fields the page shows are read: a participant's e-mail and phone are never loaded. */
const POPULATE: Record<ContentTypeKey, Row> = {
  story: { publisher: { fields: ['name'] }, topics: { fields: ['name'] } },
  event: {
    venue: { fields: ['name', 'city', 'country'] },
    organisers: { fields: ['name'] },
    topics: { fields: ['name'] },
    participations: { fields: ['role'], populate: { participant: { fields: ['fullName', 'position', 'publicConsent'] } } },
  },
  guide: { publisher: { fields: ['name'] }, topics: { fields: ['name'] }, audiences: { fields: ['name'] }, chapters: true },
};

/**
 * Reloads the page when the admin says the entry was saved (Strapi's `strapiUpdate` message),
 * only from the admin's own origin. Allowed by its hash in the page's Content-Security-Policy.
 */
const RELOAD_SCRIPT = "addEventListener('message',function(e){if(e.origin===location.origin&&e.data&&e.data.type==='strapiUpdate')location.reload();});";
export const RELOAD_SCRIPT_HASH = `sha256-${createHash('sha256').update(RELOAD_SCRIPT).digest('base64')}`;

const STYLE = [
  'body{font-family:system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1.5rem;line-height:1.5;color:#212134}',
  '.preview-banner{background:#fdf4dc;border:1px solid #fae7b9;padding:.5rem .75rem;border-radius:4px;font-size:.875rem}',
  'dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}',
  'img{max-width:100%;height:auto}.lead{font-size:1.125rem}',
].join('');

/** An instant as the wall time of the event's zone, in the page's language (as the event's visitors read it); the instant itself when the zone is unusable. */
const localTime = (instant: string | null, timeZone: string | null, locale: string): string | null => {
  if (!instant) return null;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: timeZone ?? 'UTC' }).format(new Date(instant));
  } catch {
    return instant;
  }
};

/** A definition list of the fields that have a value. */
const facts = (entries: Array<[string, string | null]>): SafeHtml | null => {
  const present = entries.filter((entry): entry is [string, string] => entry[1] !== null);
  return present.length === 0
    ? null
    : h(
        'dl',
        {},
        present.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
      );
};

/** The rule, where the host app has one (elsewhere nothing restricts reads). */
const publicReadRule = (strapi: Core.Strapi): PublicReadRule | undefined => {
  try {
    return strapi.get(PUBLIC_READ_RULE) as PublicReadRule;
  } catch {
    return undefined;
  }
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** A body as the feeds render it (syndication's sanitizer), or its source as text when that plugin is absent. */
  const bodyHtml = (markdown: string | null): SafeHtml | null => {
    if (!markdown) return null;
    const syndication = strapi.plugin('syndication');
    if (!syndication) return h('pre', {}, markdown);
    return trustedHtml((syndication.service('html') as SyndicationHtml).storyBody(markdown));
  };

  const story = (row: Row): Child[] => [
    h('h1', {}, text(row, 'title')),
    text(row, 'lead') && h('p', { class: 'lead' }, text(row, 'lead')),
    h('div', { class: 'body' }, bodyHtml(text(row, 'body'))),
    facts([
      ['Publisher', text(one(row.publisher), 'name')],
      ['Topics', names(row.topics)],
    ]),
  ];

  const event = (row: Row, locale: string): Child[] => {
    const venue = one(row.venue);
    // As the public sees an event: only participants who consented are named.
    const people = rows(row.participations)
      .map((participation) => ({ role: text(participation, 'role'), person: one(participation.participant) }))
      .filter(({ person }) => person?.publicConsent === true);
    return [
      h('h1', {}, text(row, 'title')),
      text(row, 'summary') && h('p', { class: 'lead' }, text(row, 'summary')),
      facts([
        ['Starts', localTime(text(row, 'startsAt'), text(row, 'timeZone'), locale)],
        ['Ends', localTime(text(row, 'endsAt'), text(row, 'timeZone'), locale)],
        ['Time zone', text(row, 'timeZone')],
        ['Format', text(row, 'format')],
        ['Status', text(row, 'eventStatus')],
        ['Venue', [text(venue, 'name'), text(venue, 'city'), text(venue, 'country')].filter(Boolean).join(', ') || null],
        ['Online', text(row, 'onlineUrl')],
        ['Organisers', names(row.organisers)],
        ['Topics', names(row.topics)],
      ]),
      h('div', { class: 'body' }, bodyHtml(text(row, 'body'))),
      people.length > 0 &&
        h(
          'section',
          {},
          h('h2', {}, 'Participants'),
          h(
            'ul',
            {},
            people.map(({ role, person }) => h('li', {}, [text(person, 'fullName'), text(person, 'position'), role].filter(Boolean).join(', '))),
          ),
        ),
    ];
  };

  const guide = (row: Row): Child[] => {
    const chapters = rows(row.chapters);
    return [
      h('h1', {}, text(row, 'title')),
      text(row, 'summary') && h('p', { class: 'lead' }, text(row, 'summary')),
      facts([
        ['Publisher', text(one(row.publisher), 'name')],
        ['Series', text(row, 'series')],
        ['Edition', text(row, 'edition')],
        ['Published', text(row, 'publicationDate')],
        ['ISBN', text(row, 'isbn')],
        ['Audiences', names(row.audiences)],
        ['Topics', names(row.topics)],
      ]),
      chapters.length > 0 &&
        h(
          'section',
          {},
          h('h2', {}, 'Chapters'),
          h(
            'ol',
            {},
            chapters.map((chapter) => h('li', {}, h('strong', {}, text(chapter, 'title')), text(chapter, 'summary') && h('p', {}, text(chapter, 'summary')))),
          ),
        ),
    ];
  };

  const RENDER: Record<ContentTypeKey, (row: Row, locale: string) => Child[]> = { story, event, guide };

  return {
    /**
     * The page of one version (draft or published) of a document, as partners and the public
     * would see it; null when that version does not exist. Read trusted: the route is a public
     * content-API route (its key is the token), where the app's rule would hide every draft.
     */
    async render(key: ContentTypeKey, claims: PreviewClaims): Promise<string | null> {
      const read = () =>
        strapi.documents(uidOf(strapi, key)).findOne({
          documentId: claims.documentId,
          locale: claims.locale,
          status: claims.status,
          populate: POPULATE[key] as never,
        });
      const row = (await (publicReadRule(strapi)?.trusted(read) ?? read())) as Row | null;
      if (!row) return null;
      const banner = claims.status === 'draft' ? 'Preview of the draft: not published.' : 'Preview of the published version.';
      return htmlDocument(
        claims.locale,
        [
          h('meta', { charset: 'utf-8' }),
          h('meta', { name: 'robots', content: 'noindex, nofollow' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('title', {}, `Preview: ${text(row, 'title') ?? ''}`),
          h('style', {}, trustedHtml(STYLE)),
        ],
        [
          h('p', { class: 'preview-banner', role: 'status' }, banner),
          h('article', {}, RENDER[key](row, claims.locale)),
          h('script', {}, trustedHtml(RELOAD_SCRIPT)),
        ],
      );
    },
  };
};
