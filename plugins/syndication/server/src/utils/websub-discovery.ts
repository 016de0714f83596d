import { XMLParser } from 'fast-xml-parser';

/** What a feed advertises for WebSub: its hub and its own (topic) URL, absolute. */
export interface Advertised {
  hub: string | null;
  self: string | null;
}

export interface DiscoveryInput {
  /** The `Link` header(s) of the feed's answer, as received (several joined by commas). */
  linkHeader: string | null;
  body: string;
  contentType: string | undefined;
  /** The URL the feed was read from: relative links resolve against it. */
  baseUrl: string;
}

export interface Discovered {
  hub: string;
  topic: string;
}

const absolute = (href: string, base: string): string | null => {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
};

const TOKEN = /^\s*<([^>]*)>/;
const PARAM = /^\s*;\s*([!#$%&'*+\-.^_`|~0-9A-Za-z]+)\s*(?:=\s*("(?:[^"\\]|\\.)*"|[^;,\s]*))?/;

/**
 * RFC 8288 `Link` values: `<uri>; rel="hub self", <uri>; rel=x`. Written here because no
 * parser is installed and the grammar is small; quoted parameters may hold commas.
 */
export const parseLinkHeader = (header: string): Array<{ href: string; rels: string[] }> => {
  const links: Array<{ href: string; rels: string[] }> = [];
  let rest = header;
  while (rest.trim() !== '') {
    const target = TOKEN.exec(rest);
    if (!target) break;
    rest = rest.slice(target[0].length);
    const rels: string[] = [];
    for (let param = PARAM.exec(rest); param; param = PARAM.exec(rest)) {
      rest = rest.slice(param[0].length);
      if (param[1].toLowerCase() !== 'rel' || param[2] === undefined) continue;
      const value = param[2].startsWith('"') ? param[2].slice(1, -1).replace(/\\(.)/g, '$1') : param[2];
      rels.push(...value.toLowerCase().split(/\s+/).filter(Boolean));
    }
    links.push({ href: target[1], rels });
    // Anything up to the next link (a malformed parameter is skipped, not fatal).
    const next = rest.indexOf(',');
    rest = next === -1 ? '' : rest.slice(next + 1);
  }
  return links;
};

const fromLinkHeader = (header: string | null, base: string): Advertised => {
  const found: Advertised = { hub: null, self: null };
  for (const link of parseLinkHeader(header ?? '')) {
    if (link.rels.includes('hub')) found.hub ??= absolute(link.href, base);
    if (link.rels.includes('self')) found.self ??= absolute(link.href, base);
  }
  return found;
};

type XmlNode = Record<string, unknown>;
const isNode = (value: unknown): value is XmlNode => typeof value === 'object' && value !== null && !Array.isArray(value);
const localName = (name: string): string => name.slice(name.indexOf(':') + 1);
const child = (node: XmlNode, name: string): XmlNode | null => {
  const key = Object.keys(node).find((candidate) => localName(candidate) === name);
  const value = key === undefined ? undefined : node[key];
  return isNode(value) ? value : Array.isArray(value) && isNode(value[0]) ? value[0] : null;
};

/** The feed-level `<link rel="hub|self" href>` of Atom (`feed`) or RSS (`channel`, as `atom:link`). */
const fromXml = (xml: string, base: string): Advertised => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => localName(name) === 'link' });
  const document = parser.parse(xml) as unknown;
  const found: Advertised = { hub: null, self: null };
  if (!isNode(document)) return found;
  const root = child(document, 'feed') ?? child(child(document, 'rss') ?? {}, 'channel');
  if (!root) return found;
  for (const [key, value] of Object.entries(root)) {
    if (localName(key) !== 'link' || !Array.isArray(value)) continue;
    for (const link of value) {
      // RSS's own <link> is text; only elements with rel and href are links here.
      if (!isNode(link) || typeof link['@_href'] !== 'string' || typeof link['@_rel'] !== 'string') continue;
      const rels = link['@_rel'].toLowerCase().split(/\s+/);
      if (rels.includes('hub')) found.hub ??= absolute(link['@_href'], base);
      if (rels.includes('self')) found.self ??= absolute(link['@_href'], base);
    }
  }
  return found;
};

/** JSON Feed 1.1: `hubs: [{ type: "WebSub", url }]`, and `feed_url` is the feed's own URL. */
const fromJson = (text: string, base: string): Advertised => {
  const document = JSON.parse(text) as { hubs?: unknown; feed_url?: unknown };
  const hubs = Array.isArray(document.hubs) ? document.hubs : [];
  const hub = hubs.find(
    (candidate): candidate is { url: string } =>
      isNode(candidate) && typeof candidate.url === 'string' && typeof candidate.type === 'string' && candidate.type.toLowerCase() === 'websub',
  );
  return {
    hub: hub ? absolute(hub.url, base) : null,
    self: typeof document.feed_url === 'string' ? absolute(document.feed_url, base) : null,
  };
};

/**
 * WebSub discovery (§4): the `Link` header first (websub.rocks 100, 104), then the feed's own
 * links (102 Atom, 103 RSS; JSON Feed's `hubs`). The topic is the advertised `rel=self` (200),
 * else the URL the feed was read from. An HTML page (101) is not a feed the poller takes, so it
 * is not read. Null when no hub is advertised; never throws (a feed that parsed for the poller
 * but not here advertises nothing).
 */
export const discoverHub = (input: DiscoveryInput, fallbackTopic: string): Discovered | null => {
  const header = fromLinkHeader(input.linkHeader, input.baseUrl);
  let body: Advertised = { hub: null, self: null };
  try {
    const trimmed = input.body.trimStart();
    body = trimmed.startsWith('{') ? fromJson(trimmed, input.baseUrl) : fromXml(input.body, input.baseUrl);
  } catch {
    body = { hub: null, self: null };
  }
  // The header wins over the body, for the hub and for the topic alike (websub.rocks 104).
  const hub = header.hub ?? body.hub;
  if (!hub) return null;
  return { hub, topic: header.self ?? body.self ?? fallbackTopic };
};
