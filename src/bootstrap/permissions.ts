import type { Core } from '@strapi/strapi';
import { grantReadersOnce } from '@union-comms/kit';
import { PUBLIC_READ_TYPES } from '../domain/uids';

/**
 * Readers (the Public role and signed-in members) read published content: find and
 * findOne on every public type, and on uploaded files, so that covers and logos can be
 * populated.
 */
export const ensurePublicReadPermissions = (strapi: Core.Strapi): Promise<void> =>
  grantReadersOnce(strapi, [
    ...PUBLIC_READ_TYPES.flatMap((uid) => [`${uid}.find`, `${uid}.findOne`]),
    'plugin::upload.content-api.find',
    'plugin::upload.content-api.findOne',
  ]);
