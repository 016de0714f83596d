import { js2xml, type ElementCompact } from 'xml-js';
import type { FeedLinks, FeedModel, SyndicationItem } from '../types';
import { ATOM_NS, cdata, MEDIA_TYPES, plain, XML_OPTIONS } from './xml';

type Attributes = Record<string, string | number | undefined>;
const link = (attributes: Attributes): ElementCompact => ({ _attributes: attributes });

const entry = (item: SyndicationItem): ElementCompact => ({
  _attributes: { 'xml:lang': item.language },
  id: plain(item.id),
  title: { _attributes: { type: 'text' }, ...cdata(item.title) },
  link: [
    link({ rel: 'alternate', type: 'text/html', hreflang: item.language, href: item.link }),
    ...item.translations.map((translation) =>
      link({ rel: 'alternate', type: 'text/html', hreflang: translation.locale, href: translation.link, title: translation.title })
    ),
    ...(item.licence.url ? [link({ rel: 'license', type: 'text/html', href: item.licence.url })] : []),
    ...(item.image
      ? [link({ rel: 'enclosure', type: item.image.mime, href: item.image.url, length: item.image.length ?? undefined, title: item.image.alternativeText ?? undefined })]
      : []),
  ],
  published: plain(item.publishedAt.toISOString()),
  updated: plain(item.updatedAt.toISOString()),
  ...(item.publisher && {
    author: { name: cdata(item.publisher.name), ...(item.publisher.url && { uri: plain(item.publisher.url) }) },
  }),
  category: item.categories.map((category) => ({ _attributes: { term: category.slug, label: category.name } })),
  ...(item.summary && { summary: { _attributes: { type: 'text' }, ...cdata(item.summary) } }),
  content: { _attributes: { type: 'html' }, ...cdata(item.contentHtml) },
  rights: plain(item.licence.id),
});

/**
 * Atom 1.0, written with xml-js (the XML writer `feed` uses): `feed`'s Atom writer has no
 * way to add entry links with other relations (license, hreflang alternates) or xml:lang.
 */
export const renderAtom = (model: FeedModel, links: FeedLinks, meta: { title: string; description: string }): string => {
  const document: ElementCompact = {
    _declaration: { _attributes: { version: '1.0', encoding: 'utf-8' } },
    feed: {
      _attributes: { xmlns: ATOM_NS, 'xml:lang': model.locale },
      id: plain(links.id),
      title: cdata(meta.title),
      subtitle: cdata(meta.description),
      updated: plain(model.updated.toISOString()),
      generator: plain('union-comms syndication'),
      // Atom wants an author for every entry; entries without a publisher inherit this one.
      author: { name: cdata(meta.title) },
      link: [
        link({ rel: 'self', type: MEDIA_TYPES.atom, href: links.self }),
        link({ rel: 'alternate', type: 'text/html', href: links.site }),
        link({ rel: 'alternate', type: MEDIA_TYPES.rss, href: links.alternates.rss }),
        link({ rel: 'alternate', type: MEDIA_TYPES.json, href: links.alternates.json }),
      ],
      entry: model.items.map(entry),
    },
  };
  return js2xml(document, XML_OPTIONS);
};
