import type { Core } from '@strapi/strapi';

/** Origins the admin's preview frame may load: the admin's own (the built-in page) and PREVIEW_URL's. */
const previewOrigins = (template: string): string[] => {
  if (!template) return ["'self'"];
  // The template's placeholders may sit in the path, never in the origin.
  return ["'self'", new URL(template.replace(/\{\w+\}/g, 'x')).origin];
};

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET', ''),
  },
  apiToken: {
    salt: env('API_TOKEN_SALT', ''),
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT', ''),
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY', ''),
  },
  // Strapi's Preview of stories, events and guides: the website's page (PREVIEW_URL) or the
  // preview plugin's own page, each with a short-lived token (plugins/preview/README.md).
  // Strapi adds allowedOrigins to the admin's Content-Security-Policy frame-src.
  preview: {
    enabled: true,
    config: {
      allowedOrigins: previewOrigins(env('PREVIEW_URL', '')),
      handler: (uid, params) => strapi.plugin('preview').service('urls').forEntry(uid, params),
    },
  },
  flags: {
    nps: env.bool('FLAG_NPS', false),
    promoteEE: env.bool('FLAG_PROMOTE_EE', false),
  },
});

export default config;
