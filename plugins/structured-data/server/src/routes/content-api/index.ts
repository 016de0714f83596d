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

type Schema = Record<string, unknown>;

type Kind = {
  path: string;
  handler: string;
  thing: string;
  type: string;
  example: string;
  description: string;
  /** The schema of the answer's own members (beyond @context, @type, @id). */
  properties: Record<string, Schema>;
  required: string[];
  /** The @type values the answer may have. */
  types: string[];
};

const text: Schema = { type: 'string' };
const uri: Schema = { type: 'string', format: 'uri' };
const node = (description: string): Schema => ({ type: 'object', description, required: ['@type'], properties: { '@type': text } });
const nodes = (description: string): Schema => ({ type: 'array', description, items: node(description) });

const ORGANISATION_TYPES = ['Organization', 'WorkersUnion', 'EducationalOrganization', 'NGO'];

const KINDS: Kind[] = [
  {
    path: '/stories/:slug',
    handler: 'structured-data.story',
    thing: 'story',
    type: 'NewsArticle',
    types: ['NewsArticle'],
    example: 'national-unions-discuss-modern-communication-in-turin',
    description:
      'schema.org NewsArticle of a published story: headline, description (the lead), inLanguage, datePublished, dateModified, publisher (Organization with parentOrganization), license (URL), about (topics), workTranslation / translationOfWork between language versions, and isBasedOn (the original, with its publisher) for a story received from a partner.',
    required: ['headline', 'inLanguage', 'url'],
    properties: {
      headline: text,
      description: text,
      inLanguage: text,
      url: uri,
      mainEntityOfPage: uri,
      datePublished: { type: 'string', format: 'date-time' },
      dateModified: { type: 'string', format: 'date-time' },
      image: node('Cover (ImageObject)'),
      publisher: node('Publisher (Organization or a narrower type)'),
      license: uri,
      about: nodes('Topics (DefinedTerm)'),
      workTranslation: nodes('Translations of this original (NewsArticle)'),
      translationOfWork: node('The original this is a translation of (NewsArticle)'),
      isBasedOn: node("A partner's original (CreativeWork with url and publisher)"),
    },
  },
  {
    path: '/guides/:slug',
    handler: 'structured-data.guide',
    thing: 'guide',
    type: 'Book',
    types: ['Book'],
    example: 'advocacy-for-strengthening-workers-organisations',
    description:
      "schema.org Book of a published guide: name, abstract, isbn, bookEdition, datePublished, publisher, inLanguage, audience, about, isPartOf (its series), encoding (this language's file), workExample (the other language versions, each with its file), isBasedOn (the guide it continues) and @reverse isBasedOn (the guides continuing it).",
    required: ['name', 'inLanguage', 'url'],
    properties: {
      name: text,
      abstract: text,
      inLanguage: text,
      url: uri,
      isbn: text,
      bookEdition: text,
      bookFormat: uri,
      datePublished: { type: 'string', format: 'date' },
      dateModified: { type: 'string', format: 'date-time' },
      image: node('Cover (ImageObject)'),
      publisher: node('Publisher (Organization or a narrower type)'),
      isPartOf: node('Series (BookSeries)'),
      audience: nodes('Audiences (Audience with audienceType)'),
      about: nodes('Topics (DefinedTerm)'),
      encoding: node("This language's file (MediaObject)"),
      workExample: nodes('The other language versions (Book, each with its file as encoding)'),
      isBasedOn: node('The guide this one continues (Book)'),
      '@reverse': {
        type: 'object',
        description: 'Links stated from the other side: isBasedOn lists the guides continuing this one',
        properties: { isBasedOn: nodes('Guides continuing this one (Book)') },
      },
    },
  },
  {
    path: '/organisations/:slug',
    handler: 'structured-data.organisation',
    thing: 'organisation',
    type: 'Organization',
    types: ORGANISATION_TYPES,
    example: 'itc-ilo',
    description:
      'schema.org Organization of an organisation (WorkersUnion for unions and federations, EducationalOrganization for a training centre, NGO for an NGO): name, alternateName, description, url, logo, address (country), parentOrganization and subOrganization.',
    required: ['name'],
    properties: {
      name: text,
      alternateName: text,
      description: text,
      url: uri,
      logo: node('Logo (ImageObject)'),
      address: node('PostalAddress with addressCountry (ISO 3166-1 alpha-2)'),
      parentOrganization: node('Parent organisation (Organization or a narrower type)'),
      subOrganization: nodes('Member bodies (Organization or a narrower type)'),
    },
  },
];

/** The answer's schema: a JSON-LD node of the kind's schema.org type, in the schema.org context. */
const answerSchema = (kind: Kind): Schema => ({
  type: 'object',
  required: ['@context', '@type', '@id', ...kind.required],
  properties: {
    '@context': { const: 'https://schema.org' },
    '@type': { enum: kind.types, description: 'schema.org type' },
    '@id': { ...uri, description: 'This resource, in this locale' },
    ...kind.properties,
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
      content: { 'application/ld+json': { schema: answerSchema(kind) } },
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
