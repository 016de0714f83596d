import { js2xml, type ElementCompact } from 'xml-js';
import type { FeedLinks, FeedModel, SyndicationItem } from '../types';
import { ATOM_NS, cdata, CREATIVE_COMMONS_NS, MEDIA_TYPES, plain, XML_OPTIONS } from './xml';

const CONTENT_NS = 'http://purl.org/rss/1.0/modules/content/';
const DC_NS = 'http://purl.org/dc/elements/1.1/';

const atomLink = (attributes: Record<string, string | undefined>): ElementCompact => ({ _attributes: attributes });

const item = (story: SyndicationItem): ElementCompact => ({
  title: cdata(story.title),
  link: plain(story.link),
  guid: { _attributes: { isPermaLink: 'false' }, _text: story.id },
  pubDate: plain(story.publishedAt.toUTCString()),
  ...(story.summary && { description: cdata(story.summary) }),
  ...(story.contentHtml && { 'content:encoded': cdata(story.contentHtml) }),
  ...(story.publisher && { 'dc:creator': cdata(story.publisher.name) }),
  'dc:language': plain(story.language),
  'dc:date': plain(story.updatedAt.toISOString()),
  category: story.categories.map((category) => cdata(category.name)),
  ...(story.image && {
    enclosure: { _attributes: { url: story.image.url, type: story.image.mime, length: String(story.image.length ?? 0) } },
  }),
  ...(story.licence.url && { 'creativeCommons:license': plain(story.licence.url) }),
  // The story in its own language, then its translations: hreflang alternates, as in Atom.
  'atom:link': [
    atomLink({ rel: 'alternate', type: 'text/html', hreflang: story.language, href: story.link }),
    ...story.translations.map((translation) =>
      atomLink({ rel: 'alternate', type: 'text/html', hreflang: translation.locale, href: translation.link, title: translation.title })
    ),
  ],
});

/**
 * RSS 2.0 with the content, Dublin Core, Atom and Creative Commons modules, written with
 * xml-js (the XML writer the `feed` package uses; see the README for why not `feed` itself).
 */
export const renderRss = (model: FeedModel, links: FeedLinks, meta: { title: string; description: string }): string => {
  const document: ElementCompact = {
    _declaration: { _attributes: { version: '1.0', encoding: 'utf-8' } },
    rss: {
      _attributes: {
        version: '2.0',
        'xmlns:atom': ATOM_NS,
        'xmlns:content': CONTENT_NS,
        'xmlns:dc': DC_NS,
        'xmlns:creativeCommons': CREATIVE_COMMONS_NS,
      },
      channel: {
        title: cdata(meta.title),
        link: plain(links.site),
        description: cdata(meta.description),
        language: plain(model.locale),
        lastBuildDate: plain(model.updated.toUTCString()),
        generator: plain('union-comms syndication'),
        docs: plain('https://www.rssboard.org/rss-specification'),
        'atom:link': [
          atomLink({ rel: 'self', type: MEDIA_TYPES.rss, href: links.self }),
          atomLink({ rel: 'alternate', type: MEDIA_TYPES.atom, href: links.alternates.atom }),
          atomLink({ rel: 'alternate', type: MEDIA_TYPES.json, href: links.alternates.json }),
        ],
        item: model.items.map(item),
      },
    },
  };
  return js2xml(document, XML_OPTIONS);
};
