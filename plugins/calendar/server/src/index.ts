import type { Core } from '@strapi/strapi';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    strapi.log.debug('calendar plugin registered');
  },
  bootstrap() {},
  destroy() {},
  config: { default: {}, validator() {} },
  controllers: {},
  routes: {},
  services: {},
  contentTypes: {},
  policies: {},
  middlewares: {},
};
