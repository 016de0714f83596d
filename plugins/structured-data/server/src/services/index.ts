import documents from './documents';
import jsonLd from './json-ld';
import structuredData from './structured-data';

export default { documents, jsonLd, structuredData };
