import type { Core } from '@strapi/strapi';
import { publicBaseUrl } from '@union-comms/kit';
import { renderSafeHtml } from '../utils/html';

/**
 * The feeds' rendering of a story body, for other plugins (the preview page shows a draft as
 * partners will receive it): Markdown to the sanitized HTML a feed item's content carries,
 * byte for byte (services/items: `contentHtml`).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** A story body (Markdown, maybe with HTML) as the HTML of its feed item; '' for none. */
  storyBody(markdown: string | null | undefined): string {
    return renderSafeHtml(markdown, `${publicBaseUrl(strapi)}/`);
  },
});
