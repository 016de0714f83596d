import { createHash } from 'crypto';

// A fixed namespace for this plugin's name-based UUIDs (RFC 4122 version 5).
const NAMESPACE = Buffer.from('5c1f0b4e9d6a4f8a8b0e3f2d7c6a1b90', 'hex');

/** A name-based (version 5) UUID: the same name always gives the same id. */
export const uuidV5 = (name: string): string => {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  const bytes = Buffer.from(hash.subarray(0, 16));
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/**
 * The id of one language version of a story in every feed format. Built from the document id
 * (stable across edits and publications) and the locale, so it never changes with the title,
 * slug or URL, and is the same in RSS, Atom and JSON Feed.
 */
export const storyItemId = (documentId: string, locale: string): string => `urn:uuid:${uuidV5(`story:${documentId}:${locale}`)}`;

export const feedId = (key: string): string => `urn:uuid:${uuidV5(`feed:${key}`)}`;
