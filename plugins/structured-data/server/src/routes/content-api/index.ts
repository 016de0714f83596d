/**
 * Public routes, mounted under /api/structured-data (Strapi prefixes a plugin's content-API
 * routes with `/<plugin name>`; no `prefix` is set, so that is the path). They are public
 * because search engines and partner sites read them without an account; access still goes
 * through the users-permissions Public role (granted at bootstrap), so an administrator can
 * revoke it.
 *
 * Every answer is the same for every public client (`publicCache: true`: the public-cache plugin
 * may keep it). `openapi` is each route's OpenAPI 3.1 Operation Object, read by the openapi
 * plugin (which adds the error responses).
 */

type Kind = { path: string; handler: string; thing: string; type: string; example: string; description: string };

const KINDS: Kind[] = [
  {
    path: '/stories/:slug',
    handler: 'structured-data.story',
    thing: 'story',
    type: 'NewsArticle',
    example: 'national-unions-discuss-modern-communication-in-turin',
    description:
      'schema.org NewsArticle of a published story: headline, description (the lead), inLanguage, datePublished, dateModified, publisher (Organization with parentOrganization), license (URL), about (topics), workTranslation / translationOfWork between language versions, and isBasedOn (the original, with its publisher) for a story received from a partner.',
  },
  {
    path: '/guides/:slug',
    handler: 'structured-data.guide',
    thing: 'guide',
    type: 'Book',
    example: 'advocacy-for-strengthening-workers-organisations',
    description:
      "schema.org Book of a published guide: name, abstract, isbn, bookEdition, datePublished, publisher, inLanguage, audience, about, isPartOf (its series), encoding (this language's file), workExample (the other language versions, each with its file), isBasedOn (the guide it continues) and @reverse isBasedOn (the guides continuing it).",
  },
  {
    path: '/organisations/:slug',
    handler: 'structured-data.organisation',
    thing: 'organisation',
    type: 'Organization',
    example: 'itc-ilo',
    description:
      'schema.org Organization of an organisation (WorkersUnion for unions and federations, EducationalOrganization for a training centre, NGO for an NGO): name, alternateName, description, url, logo, address (country), parentOrganization and subOrganization.',
  },
];

/** The answer's schema: a JSON-LD node of the given schema.org type, in the schema.org context. */
const jsonLdSchema = (type: string) => ({
  type: 'object',
  required: ['@context', '@type', '@id'],
  properties: {
    '@context': { const: 'https://schema.org' },
    '@type': { type: 'string', description: `schema.org type (${type}${type === 'Organization' ? ' or a narrower one' : ''})` },
    '@id': { type: 'string', format: 'uri', description: 'This resource, in this locale' },
  },
  additionalProperties: true,
});

const openapi = (kind: Kind) => ({
  summary: `schema.org ${kind.type} of a ${kind.thing} (JSON-LD)`,
  description: `${kind.description} Served as application/ld+json, safe to embed as it is in <script type="application/ld+json">; ETag and If-None-Match (304). Unknown slug: 404; unknown locale or another query parameter: 400.`,
  parameters: [
    {
      name: 'slug',
      in: 'path',
      required: true,
      description: `The ${kind.thing}'s slug`,
      schema: { type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 200, examples: [kind.example] },
    },
    {
      name: 'locale',
      in: 'query',
      required: false,
      description: 'A locale code the CMS has (the default locale when absent)',
      schema: { type: 'string', examples: ['en', 'ru'] },
    },
  ],
  responses: {
    '200': {
      description: `The ${kind.thing} as a schema.org ${kind.type}`,
      content: { 'application/ld+json': { schema: jsonLdSchema(kind.type) } },
    },
  },
});

export default {
  type: 'content-api',
  routes: KINDS.map((kind) => ({
    method: 'GET',
    path: kind.path,
    handler: kind.handler,
    config: { policies: [], publicCache: true, openapi: openapi(kind) },
  })),
};
