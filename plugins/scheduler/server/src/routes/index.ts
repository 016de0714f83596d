import admin from './admin';

// No content-api routes: scheduled actions are admin business.
export default { admin };
