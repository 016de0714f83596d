import { TYPE_KEYS } from '../../config/content-types';
import { DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, MAX_Q_LENGTH } from '../../validation/query';

/** The answer of `GET /api/search` (and of GraphQL `search`), as JSON Schema (OpenAPI 3.1). */
const searchAnswer = {
  type: 'object',
  required: ['data', 'meta'],
  properties: {
    data: {
      type: 'array',
      description: 'Hits, best match first.',
      items: {
        type: 'object',
        required: ['type', 'documentId', 'locale', 'slug', 'title', 'snippet', 'score', 'publishedAt'],
        properties: {
          type: { type: 'string', enum: [...TYPE_KEYS], description: 'The content type, by its key in the search configuration.' },
          documentId: { type: 'string' },
          locale: { type: 'string', description: 'The locale of the version shown (with fallback: the first of the chain the document is published in).' },
          slug: { type: ['string', 'null'] },
          title: { type: 'string' },
          snippet: {
            type: 'string',
            description:
              'Plain text around the first match, each matched word between `[[` and `]]` (the text itself never contains them); `…` where the text is cut.',
          },
          score: { type: 'number', minimum: 0, maximum: 1, description: 'Share of the weight the query could get (title, lead or summary, headings, body).' },
          publishedAt: { type: 'string', format: 'date-time' },
        },
      },
    },
    meta: {
      type: 'object',
      required: ['pagination', 'capped'],
      properties: {
        pagination: {
          type: 'object',
          required: ['page', 'pageSize', 'pageCount', 'total'],
          properties: {
            page: { type: 'integer', minimum: 1 },
            pageSize: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE },
            pageCount: { type: 'integer', minimum: 0 },
            total: { type: 'integer', minimum: 0, description: 'How many hits there are: at most the maxHits setting (1,000 by default).' },
          },
        },
        capped: {
          type: 'boolean',
          description: 'The query matched more than maxHits entries: the hits are the most recently published maxHits of them, ranked.',
        },
      },
    },
  },
};

const openapi = {
  summary: 'Search published content',
  description:
    'Full-text search of the published stories, events, guides and organisations, with stemming in English, Russian, French and Spanish, ' +
    'and prefix and one-typo matches in Kazakh. Drafts and participants are never searched. Punctuation and search syntax are ignored: ' +
    'every word of `q` must match.',
  parameters: [
    {
      name: 'q',
      in: 'query',
      required: true,
      description: `The text to search for (1-${MAX_Q_LENGTH} characters).`,
      schema: { type: 'string', minLength: 1, maxLength: MAX_Q_LENGTH },
    },
    { name: 'locale', in: 'query', required: false, description: 'A locale the CMS has (default: the default locale).', schema: { type: 'string' } },
    {
      name: 'types',
      in: 'query',
      required: false,
      description: `Comma-separated content types (${TYPE_KEYS.join(', ')}; default: all configured).`,
      schema: { type: 'string' },
    },
    { name: 'page', in: 'query', required: false, description: 'Page number (default 1).', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE } },
    {
      name: 'pageSize',
      in: 'query',
      required: false,
      description: `Hits per page (default ${DEFAULT_PAGE_SIZE}).`,
      schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE },
    },
    {
      name: 'fallback',
      in: 'query',
      required: false,
      description: "Also search the locale's fallback chain (kk → ru → en): each document once, in the first locale of the chain it is published in.",
      schema: { type: 'boolean' },
    },
  ],
  responses: { '200': { description: 'One page of hits.', content: { 'application/json': { schema: searchAnswer } } } },
};

/**
 * `GET /api/search` (`prefix: ''`: at the root of the content API, not under /api/search/…).
 * Public without an account (`auth: false`): websites search as their visitors do, and what it
 * answers from is published content only. The same answer for every public client: the
 * public-cache plugin may keep it (`publicCache: true`), under the content fingerprint that
 * every publish moves.
 */
export default {
  type: 'content-api' as const,
  routes: [
    {
      method: 'GET' as const,
      path: '/search',
      handler: 'search.find',
      config: { prefix: '', auth: false as const, policies: [], publicCache: true, openapi },
    },
  ],
};
