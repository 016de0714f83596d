import { MEDIA_TYPES } from '../../utils/formats/xml';

/**
 * Feeds are public by design: partner federations and feed readers subscribe without an
 * account. Access still goes through users-permissions (the Public role is granted these
 * actions at bootstrap), so an administrator can withdraw it in the admin panel.
 *
 * `config.openapi` describes each feed in the OpenAPI document (plugins/openapi/README.md).
 */
const NAMES = { rss: 'RSS 2.0', atom: 'Atom 1.0', json: 'JSON Feed 1.1' } as const;

const slug = { type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' };

const parameters = [
  {
    name: 'locale',
    in: 'query' as const,
    description: 'Locale of the stories (the default locale when absent); an unknown one is a 400.',
    schema: { type: 'string' },
  },
  { name: 'topic', in: 'query' as const, description: 'Only stories with this topic (slug).', schema: slug },
  { name: 'organisation', in: 'query' as const, description: 'Only stories published by this organisation (slug).', schema: slug },
  { name: 'limit', in: 'query' as const, description: 'Most items (default 50).', schema: { type: 'integer', minimum: 1, maximum: 100 } },
];

const jsonFeed = {
  type: 'object',
  properties: {
    version: { const: 'https://jsonfeed.org/version/1.1' },
    title: { type: 'string' },
    home_page_url: { type: 'string', format: 'uri' },
    feed_url: { type: 'string', format: 'uri' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, url: { type: 'string', format: 'uri' }, title: { type: 'string' }, content_html: { type: 'string' } },
        required: ['id', 'content_html'],
      },
    },
  },
  required: ['version', 'title', 'items'],
};

const feedRoute = (extension: 'rss' | 'atom' | 'json') => ({
  method: 'GET' as const,
  path: `/feeds/stories.${extension}`,
  handler: `feeds.${extension}`,
  // The same answer for every public client: the public-cache plugin may keep it.
  config: {
    policies: [],
    publicCache: true,
    openapi: {
      summary: `Published stories as ${NAMES[extension]}`,
      description:
        'Stories whose syndication is allowed and whose embargo is over, newest first. Strong ETag and Last-Modified; conditional requests answer 304.',
      tags: ['syndication'],
      parameters,
      responses: {
        '200': {
          description: `The ${NAMES[extension]} feed.`,
          headers: { ETag: { schema: { type: 'string' } }, 'Last-Modified': { schema: { type: 'string' } } },
          content: { [MEDIA_TYPES[extension]]: { schema: extension === 'json' ? jsonFeed : { type: 'string', description: 'XML' } } },
        },
        '304': { description: 'Not modified.' },
      },
    },
  },
});

export default {
  type: 'content-api' as const,
  routes: [
    feedRoute('rss'),
    feedRoute('atom'),
    feedRoute('json'),
    // Our WebSub hub: public on purpose, as WebSub requires (any feed reader subscribes); a
    // subscription exists only once its callback echoed our challenge (controllers/websub).
    {
      method: 'POST' as const,
      path: '/websub',
      handler: 'websub.subscribe',
      config: {
        auth: false as const,
        policies: [],
        openapi: {
          summary: 'Subscribe to or unsubscribe from one of our feeds (WebSub hub)',
          description:
            'Form-encoded (W3C WebSub 5.1). The topic must be one of our feed URLs (its rel="self"). Answered 202; the intent is then verified by a GET to the callback with hub.challenge, which the callback must echo with a 2xx. Leases: 1 hour to 30 days, 10 days by default. With hub.secret (under 200 bytes) every delivery carries X-Hub-Signature: sha256=<HMAC of the body>.',
          tags: ['syndication'],
          requestBody: {
            required: true,
            content: {
              'application/x-www-form-urlencoded': {
                schema: {
                  type: 'object',
                  properties: {
                    'hub.mode': { enum: ['subscribe', 'unsubscribe'] },
                    'hub.topic': { type: 'string', format: 'uri' },
                    'hub.callback': { type: 'string', format: 'uri' },
                    'hub.lease_seconds': { type: 'integer', minimum: 0 },
                    'hub.secret': { type: 'string', maxLength: 199 },
                  },
                  required: ['hub.mode', 'hub.topic', 'hub.callback'],
                },
              },
            },
          },
          responses: {
            '202': { description: 'Accepted: the intent is verified next.' },
            '400': { description: 'A missing or bad parameter (named in details), or a topic that is not one of our feeds.' },
            '415': { description: 'The body is not application/x-www-form-urlencoded.' },
          },
        },
      },
    },
    // A partner's signed push: public on purpose, the Standard Webhooks signature is the
    // authentication (controllers/inbox; the bytes are read raw by middlewares/inbox).
    {
      method: 'POST' as const,
      path: '/inbox/:inboxId',
      handler: 'inbox.receive',
      config: {
        auth: false as const,
        policies: [],
        openapi: {
          summary: 'A partner federation pushes a story (Standard Webhooks, payload v1)',
          description:
            'Signed with the inbound secret the partner was given (webhook-id, webhook-timestamp within 5 minutes, webhook-signature), verified over the raw bytes before parsing. The body is payload v1: story.published, story.updated or story.unpublished. Imported after the answer; a webhook-id already received is accepted again and done once. An unknown inbox answers as a bad signature (401).',
          tags: ['syndication'],
          parameters: [
            {
              name: 'inboxId',
              in: 'path' as const,
              required: true,
              description: 'The inbox of the partner (its inboxUrl), random and opaque.',
              schema: { type: 'string' },
            },
            { name: 'webhook-id', in: 'header' as const, required: true, schema: { type: 'string', maxLength: 180 } },
            { name: 'webhook-timestamp', in: 'header' as const, required: true, schema: { type: 'string', pattern: '^[0-9]+$' } },
            { name: 'webhook-signature', in: 'header' as const, required: true, schema: { type: 'string' } },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    type: { enum: ['story.published', 'story.updated', 'story.unpublished'] },
                    timestamp: { type: 'string' },
                    data: { type: 'object' },
                  },
                  required: ['type', 'data'],
                },
              },
            },
          },
          responses: {
            '202': {
              description: 'Accepted (or already received): imported after the answer.',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      data: {
                        type: 'object',
                        properties: { webhookId: { type: 'string' }, status: { enum: ['accepted', 'already-received'] } },
                        required: ['webhookId', 'status'],
                      },
                    },
                    required: ['data'],
                  },
                },
              },
            },
            '401': { description: 'Missing or bad signature, stale timestamp, or unknown inbox (the same answer).' },
            '403': { description: 'The partner is paused, disabled, or not receiving.' },
            '413': { description: 'The body is larger than 1 MiB.' },
            '415': { description: 'The body is not application/json (UTF-8).' },
          },
        },
      },
    },
    // Our WebSub subscriptions' callback (services/websub-subscriber): public on purpose, as
    // WebSub requires; a verification is answered only for a request we sent, and a push is
    // taken only with the subscription's X-Hub-Signature (its bytes read raw by middlewares/inbox).
    {
      method: 'GET' as const,
      path: '/websub/callback/:id',
      handler: 'websub-callback.verify',
      config: {
        auth: false as const,
        policies: [],
        openapi: {
          summary: "A hub verifies our (un)subscription to a partner's feed (WebSub 5.3), or denies it (5.2)",
          description:
            'Answered 200 with hub.challenge as text/plain only when hub.mode and hub.topic match a request we sent from this callback; a denial is recorded. Anything else: 404.',
          tags: ['syndication'],
          parameters: [
            {
              name: 'id',
              in: 'path' as const,
              required: true,
              description: 'The callback of one subscription, random and opaque.',
              schema: { type: 'string' },
            },
            { name: 'hub.mode', in: 'query' as const, required: true, schema: { enum: ['subscribe', 'unsubscribe', 'denied'] } },
            { name: 'hub.topic', in: 'query' as const, required: true, schema: { type: 'string' } },
            { name: 'hub.challenge', in: 'query' as const, schema: { type: 'string' } },
            { name: 'hub.lease_seconds', in: 'query' as const, schema: { type: 'integer' } },
            { name: 'hub.reason', in: 'query' as const, schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description: 'The challenge (subscribe, unsubscribe), or an empty body (denied).',
              content: { 'text/plain': { schema: { type: 'string' } } },
            },
            '400': { description: 'A missing or bad parameter.' },
            '404': { description: 'Not a request we sent (unknown callback, other topic, or a mode we did not ask for).' },
          },
        },
      },
    },
    {
      method: 'POST' as const,
      path: '/websub/callback/:id',
      handler: 'websub-callback.notify',
      config: {
        auth: false as const,
        policies: [],
        openapi: {
          summary: "A hub pushes a partner's feed (WebSub 7)",
          description:
            'The feed as the partner publishes it (RSS, Atom or JSON Feed), signed X-Hub-Signature: <sha1|sha256|sha384|sha512>=<HMAC of the body with our secret>. Imported exactly as a polled feed. A bad or missing signature: ignored and logged, still 202 (WebSub 8).',
          tags: ['syndication'],
          parameters: [
            {
              name: 'id',
              in: 'path' as const,
              required: true,
              description: 'The callback of one subscription, random and opaque.',
              schema: { type: 'string' },
            },
            { name: 'X-Hub-Signature', in: 'header' as const, required: true, schema: { type: 'string' } },
          ],
          responses: {
            '202': { description: 'Received (imported after the answer), or ignored for its signature.' },
            '410': { description: 'Not a subscription we hold: the hub should drop it.' },
            '413': { description: 'Larger than the feed size limit (feeds.maxBytes).' },
          },
        },
      },
    },
  ],
};
