/**
 * GET /api/openapi.json (`prefix: ''`: at the content API's root, not under /api/openapi). Public
 * (`auth: false`) because it describes only what the public may call anyway, and is read by
 * code generators and API explorers without an account. The same bytes for every client
 * (`publicCache: true`) until a permission or a locale changes.
 */
export default {
  type: 'content-api' as const,
  routes: [
    {
      method: 'GET' as const,
      path: '/openapi.json',
      handler: 'document.find',
      config: {
        auth: false as const,
        prefix: '',
        policies: [],
        publicCache: true,
        openapi: {
          summary: 'This document',
          description:
            'The OpenAPI 3.1 document of the public API, generated from the routes the server registers and the content-type schemas. ' +
            'Strong ETag; If-None-Match answers 304.',
          tags: ['OpenAPI'],
          responses: {
            '200': {
              description: 'The OpenAPI document.',
              headers: { ETag: { schema: { type: 'string' } } },
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { openapi: { type: 'string', pattern: '^3\\.1\\.' } },
                    required: ['openapi', 'info', 'paths', 'components'],
                  },
                },
              },
            },
            '304': { description: 'Not modified (If-None-Match matched the ETag).' },
          },
        },
      },
    },
  ],
};
