import type { Core } from '@strapi/strapi';
import { SCHEDULED_ACTION } from '../content-types';

/** Scheduled actions are admin business: no GraphQL type, query or mutation for them. */
export const registerGraphql = (strapi: Core.Strapi): void => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  graphql.service('extension').shadowCRUD(SCHEDULED_ACTION).disable();
};
