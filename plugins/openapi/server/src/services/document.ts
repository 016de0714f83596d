import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import { locales } from '@union-comms/kit';
import type { OpenApiDocument } from '../types';
import { generateDocument } from '../utils/generate';
import { publicActions } from '../utils/routes';

/** The document as sent: its bytes and their strong ETag (the same on every instance). */
export type RenderedDocument = { document: OpenApiDocument; body: string; etag: string };

/**
 * The document, generated on first use. Routes and schemas are fixed once Strapi has booted;
 * what can change at runtime is which actions the Public role has (an administrator grants or
 * revokes one) and the locales: the document is generated again when either changes, which
 * costs one small query per request (and none when the response cache answers).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let current: { key: string; rendered: RenderedDocument } | null = null;

  return {
    async current(): Promise<RenderedDocument> {
      const [actions, codes] = await Promise.all([publicActions(strapi), locales(strapi).codes()]);
      const localeCodes = [...codes].sort();
      const key = JSON.stringify([[...actions].sort(), localeCodes]);
      if (current?.key !== key) {
        const document = generateDocument(strapi, { publicActions: actions, localeCodes });
        const body = JSON.stringify(document);
        current = { key, rendered: { document, body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` } };
      }
      return current.rendered;
    },
  };
};
