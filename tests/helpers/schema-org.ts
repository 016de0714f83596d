/**
 * The local copy of the schema.org JSON-LD context for tests, which have no network:
 * schema.org's published context maps every term onto @vocab http://schema.org/ (the http
 * form, as schema.org serves it), and the loader serves that mapping for the context URL only.
 */
export const SCHEMA_ORG_CONTEXT = { '@context': { '@vocab': 'http://schema.org/' } };

/** A jsonld document loader that serves the schema.org context and refuses any other URL. */
export const documentLoader = async (url: string) => {
  if (!/^https?:\/\/schema\.org\/?$/.test(url)) throw new Error(`unexpected remote document ${url}`);
  return { contextUrl: undefined, documentUrl: url, document: SCHEMA_ORG_CONTEXT };
};

/** The expanded IRI prefix of schema.org terms. */
export const S = 'http://schema.org/';
