import type { Core } from '@strapi/strapi';

/** Largest page a client may ask for; larger requests get a 400 (see src/middlewares/query-guard). */
export const MAX_PAGE_SIZE = 100;

const config: Core.Config.Api = {
  rest: {
    defaultLimit: 25,
    maxLimit: MAX_PAGE_SIZE,
    withCount: true,
    // Unknown query parameters are rejected with a 400 instead of being ignored.
    strictParams: true,
  },
};

export default config;
