import type { Core } from '@strapi/strapi';
import { previewSecret } from './utils/secret';
import { validateContentTypes } from './utils/plugin-config';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Before a preview is asked for: a wrong uid or a missing key stops the boot, not an editor.
  validateContentTypes(strapi);
  previewSecret(strapi);
};
