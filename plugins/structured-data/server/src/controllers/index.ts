import structuredData from './structured-data';

export default { 'structured-data': structuredData };
