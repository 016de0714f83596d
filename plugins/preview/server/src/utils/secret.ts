import { createHmac } from 'crypto';
import type { Core } from '@strapi/strapi';
import { pluginConfig } from './plugin-config';

/**
 * The key preview tokens are signed with: PREVIEW_SECRET, or (built-in page only, nobody
 * outside needs it) one derived from the app's keys, so every instance sharing them agrees.
 */
export const previewSecret = (strapi: Core.Strapi): string => {
  const { secret } = pluginConfig(strapi);
  if (secret) return secret;
  const keys = strapi.config.get('server.app.keys', []) as string[];
  if (keys.length === 0) throw new Error('preview: neither PREVIEW_SECRET nor APP_KEYS is set');
  return createHmac('sha256', keys.join(',')).update('union-comms preview tokens').digest('base64url');
};
