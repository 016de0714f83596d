/**
 * The built-in preview page, mounted under /api/preview. Public (`auth: false`) because the
 * admin panel's preview frame loads it without the admin's token (a browser sends none to a
 * frame); its only key is the short-lived signed token the admin's preview handler gives a
 * signed-in administrator who may read the type (services/urls). Never cached (no
 * `publicCache`; the answer says `no-store`).
 */
export default {
  type: 'content-api',
  routes: [
    {
      method: 'GET',
      path: '/:type/:documentId',
      handler: 'pages.show',
      config: {
        auth: false,
        policies: [],
        openapi: {
          summary: 'Preview page of a draft (for the admin panel)',
          description:
            'The built-in preview of one version of a story, event or guide, as partners receive it. Needs the short-lived token the admin panel gets for a signed-in administrator; without a valid one every request is the same 404.',
          tags: ['preview'],
          parameters: [
            { name: 'type', in: 'path', required: true, schema: { type: 'string', enum: ['stories', 'events', 'guides'] } },
            { name: 'documentId', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'locale', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'status', in: 'query', required: true, schema: { type: 'string', enum: ['draft', 'published'] } },
            { name: 'token', in: 'query', required: true, description: 'The preview token (a JWT, HS256).', schema: { type: 'string' } },
          ],
          responses: {
            '200': { description: 'The page', content: { 'text/html': { schema: { type: 'string' } } } },
          },
        },
      },
    },
  ],
};
