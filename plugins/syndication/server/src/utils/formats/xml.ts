import type { ElementCompact, Options } from 'xml-js';

// Characters XML 1.0 cannot carry at all, whatever the escaping (a partner's text may hold them).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export const stripNonXml = (value: string): string => value.replace(NOT_XML, '');

/**
 * xml-js (the XML writer the `feed` package uses) escapes neither `&` nor `<` in attribute
 * values, and turns `&amp;` in text into `&`; attributes are escaped here, and free text
 * (titles, summaries, HTML) goes into CDATA sections, which keep every character as it is.
 */
export const escapeXml = (value: string): string =>
  stripNonXml(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Free text as a CDATA section (see cdataFn below for `]]>`). */
export const cdata = (value: string): ElementCompact => ({ _cdata: stripNonXml(value) });

/** A short machine value: an id, a date, a URL, a language code. */
export const plain = (value: string): ElementCompact => ({ _text: stripNonXml(value) });

/** js2xml options every format uses. */
export const XML_OPTIONS: Options.JS2XML = {
  compact: true,
  spaces: 2,
  // xml-js's typings declare these as (string) => void; at run time attributesFn receives the
  // attributes object, and both return what is written.
  attributesFn: (attributes) => escapeAttributes(attributes as unknown as Record<string, unknown>),
  // Every `]]>`, not only the first (xml-js's default), is split across two sections.
  cdataFn: (value) => value.replace(/]]>/g, ']]]]><![CDATA[>'),
};

export const escapeAttributes = (attributes: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(attributes)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([key, value]) => [key, escapeXml(String(value))])
  );

export const MEDIA_TYPES = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
} as const;

export const CREATIVE_COMMONS_NS = 'http://backend.userland.com/creativeCommonsRssModule';
export const ATOM_NS = 'http://www.w3.org/2005/Atom';
