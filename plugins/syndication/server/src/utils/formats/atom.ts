import type { FeedLinks, FeedModel, SyndicationItem } from '../types';
import { ATOM_NS, attributes, MEDIA_TYPES, renderXml, text, type XmlElement } from './xml';

const entry = (item: SyndicationItem): XmlElement => ({
  ...attributes({ 'xml:lang': item.language }),
  id: text(item.id),
  title: { ...attributes({ type: 'text' }), '#': text(item.title) },
  link: [
    attributes({ rel: 'alternate', type: 'text/html', hreflang: item.language, href: item.link }),
    ...item.translations.map((translation) =>
      attributes({ rel: 'alternate', type: 'text/html', hreflang: translation.locale, href: translation.link, title: translation.title }),
    ),
    ...(item.licence.url ? [attributes({ rel: 'license', type: 'text/html', href: item.licence.url })] : []),
    ...(item.image
      ? [attributes({ rel: 'enclosure', type: item.image.mime, href: item.image.url, length: item.image.length, title: item.image.alternativeText })]
      : []),
  ],
  published: item.publishedAt.toISOString(),
  updated: item.updatedAt.toISOString(),
  ...(item.publisher && {
    author: { name: text(item.publisher.name), ...(item.publisher.url && { uri: text(item.publisher.url) }) },
  }),
  category: item.categories.map((category) => attributes({ term: category.slug, label: category.name })),
  ...(item.summary && { summary: { ...attributes({ type: 'text' }), '#': text(item.summary) } }),
  content: { ...attributes({ type: 'html' }), '#': text(item.contentHtml) },
  rights: text(item.licence.id),
});

/**
 * Atom 1.0, written with the xmlbuilder2 XML builder: feed libraries' Atom writers have no
 * way to add entry links with other relations (license, hreflang alternates) or xml:lang.
 */
export const renderAtom = (model: FeedModel, links: FeedLinks, meta: { title: string; description: string }): string =>
  renderXml({
    feed: {
      ...attributes({ xmlns: ATOM_NS, 'xml:lang': model.locale }),
      id: text(links.id),
      title: text(meta.title),
      subtitle: text(meta.description),
      updated: model.updated.toISOString(),
      generator: 'union-comms syndication',
      // Atom wants an author for every entry; entries without a publisher inherit this one.
      author: { name: text(meta.title) },
      link: [
        attributes({ rel: 'self', type: MEDIA_TYPES.atom, href: links.self }),
        // WebSub discovery: subscribe at this hub to this topic (the self link).
        attributes({ rel: 'hub', href: links.hub }),
        attributes({ rel: 'alternate', type: 'text/html', href: links.site }),
        attributes({ rel: 'alternate', type: MEDIA_TYPES.rss, href: links.alternates.rss }),
        attributes({ rel: 'alternate', type: MEDIA_TYPES.json, href: links.alternates.json }),
      ],
      entry: model.items.map(entry),
    },
  });
