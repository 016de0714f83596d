import type { FeedLinks, FeedModel, SyndicationItem } from '../types';
import { ATOM_NS, attributes, CREATIVE_COMMONS_NS, MEDIA_TYPES, renderXml, text, type XmlElement } from './xml';

const CONTENT_NS = 'http://purl.org/rss/1.0/modules/content/';
const DC_NS = 'http://purl.org/dc/elements/1.1/';

const item = (story: SyndicationItem): XmlElement => ({
  title: text(story.title),
  link: text(story.link),
  guid: { ...attributes({ isPermaLink: 'false' }), '#': text(story.id) },
  pubDate: story.publishedAt.toUTCString(),
  ...(story.summary && { description: text(story.summary) }),
  ...(story.contentHtml && { 'content:encoded': text(story.contentHtml) }),
  ...(story.publisher && { 'dc:creator': text(story.publisher.name) }),
  'dc:language': text(story.language),
  'dc:date': story.updatedAt.toISOString(),
  category: story.categories.map((category) => ({ '#': text(category.name) })),
  ...(story.image && {
    enclosure: attributes({ url: story.image.url, type: story.image.mime, length: String(story.image.length ?? 0) }),
  }),
  ...(story.licence.url && { 'creativeCommons:license': text(story.licence.url) }),
  // The story in its own language, then its translations: hreflang alternates, as in Atom.
  'atom:link': [
    attributes({ rel: 'alternate', type: 'text/html', hreflang: story.language, href: story.link }),
    ...story.translations.map((translation) =>
      attributes({ rel: 'alternate', type: 'text/html', hreflang: translation.locale, href: translation.link, title: translation.title }),
    ),
  ],
});

/**
 * RSS 2.0 with the content, Dublin Core, Atom and Creative Commons modules, written with the
 * xmlbuilder2 XML builder (see the README for why not a feed library).
 */
export const renderRss = (model: FeedModel, links: FeedLinks, meta: { title: string; description: string }): string =>
  renderXml({
    rss: {
      ...attributes({
        version: '2.0',
        'xmlns:atom': ATOM_NS,
        'xmlns:content': CONTENT_NS,
        'xmlns:dc': DC_NS,
        'xmlns:creativeCommons': CREATIVE_COMMONS_NS,
      }),
      channel: {
        title: text(meta.title),
        link: text(links.site),
        description: text(meta.description),
        language: text(model.locale),
        lastBuildDate: model.updated.toUTCString(),
        generator: 'union-comms syndication',
        docs: 'https://www.rssboard.org/rss-specification',
        'atom:link': [
          attributes({ rel: 'self', type: MEDIA_TYPES.rss, href: links.self }),
          // WebSub discovery: subscribe at this hub to this topic (the self link).
          attributes({ rel: 'hub', href: links.hub }),
          attributes({ rel: 'alternate', type: MEDIA_TYPES.atom, href: links.alternates.atom }),
          attributes({ rel: 'alternate', type: MEDIA_TYPES.json, href: links.alternates.json }),
        ],
        item: model.items.map(item),
      },
    },
  });
