import { create } from 'xmlbuilder2';

/** An element in xmlbuilder2's object notation: `@name` attributes, `#` text, child elements. */
export type XmlElement = { [key: string]: string | XmlElement | XmlElement[] | undefined };

// Characters XML 1.0 cannot carry at all, whatever the escaping (a partner's text may hold them).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text content; xmlbuilder2 escapes `&`, `<` and `>`, so any string is safe here. */
export const text = (value: string): string => value.replace(NOT_XML, '');

/** Attributes with the empty ones left out (xmlbuilder2 escapes the values). */
export const attributes = (values: Record<string, string | number | null | undefined>): XmlElement =>
  Object.fromEntries(
    Object.entries(values)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([key, value]) => [`@${key}`, text(String(value))]),
  );

/** Serialises a document whose root element is `root`, with the XML declaration. */
export const renderXml = (root: XmlElement): string => create({ version: '1.0', encoding: 'utf-8' }).ele(root).end({ prettyPrint: true });

export const MEDIA_TYPES = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
} as const;

export const CREATIVE_COMMONS_NS = 'http://backend.userland.com/creativeCommonsRssModule';
export const ATOM_NS = 'http://www.w3.org/2005/Atom';
