import type { Core } from '@strapi/strapi';
import { restPrefix } from '@union-comms/kit';
import { TYPE_PATHS, type ContentTypeKey } from '../config/content-types';
import { keyOfUid, pluginConfig, uidOf } from '../utils/plugin-config';
import { previewSecret } from '../utils/secret';
import { signPreviewToken, type PreviewClaims } from '../utils/token';

/** What the Content Manager passes to the preview handler (its own validation ran first). */
export type PreviewParams = { documentId?: string; locale?: string | null; status?: string };

type AdminContext = { state?: { userAbility?: { can(action: string, subject: string): boolean } } };

const READ_ACTION = 'plugin::content-manager.explorer.read';

const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(type|locale|slug|documentId|status)\}/g, (_, name: string) => encodeURIComponent(values[name]));

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * The preview URL of one version, for `config/admin.ts`'s preview handler: the website's page
   * (PREVIEW_URL) or the built-in page, with a short-lived token for exactly that version. Null
   * (the admin shows no preview) for a type the plugin does not preview, a version that does not
   * exist, and an administrator who may not read the type: the token would show it to them.
   */
  async forEntry(uid: string, params: PreviewParams): Promise<string | null> {
    const key: ContentTypeKey | undefined = keyOfUid(strapi, uid);
    if (!key || !params.documentId) return null;
    // Strapi's own route checks only that an administrator is signed in (its "TODO: Permissions").
    const ctx = strapi.requestContext.get() as AdminContext | undefined;
    if (!ctx?.state?.userAbility?.can(READ_ACTION, uid)) return null;

    const locale = params.locale || ((await strapi.plugin('i18n').service('locales').getDefaultLocale()) as string);
    const status = params.status === 'published' ? 'published' : 'draft';
    const version = (await strapi.documents(uidOf(strapi, key)).findOne({ documentId: params.documentId, locale, status })) as {
      slug?: string | null;
    } | null;
    if (!version) return null;

    const config = pluginConfig(strapi);
    const claims: PreviewClaims = { type: TYPE_PATHS[key], documentId: params.documentId, locale, status };
    const token = signPreviewToken(previewSecret(strapi), claims, config.tokenTtlSeconds);
    if (config.url) {
      const url = new URL(fill(config.url, { ...claims, slug: version.slug ?? '' }));
      url.searchParams.set('token', token);
      return url.href;
    }
    // Relative: the admin frames it from its own origin, whichever name the CMS is reached by.
    const query = new URLSearchParams({ locale, status, token });
    return `${restPrefix(strapi)}/preview/${claims.type}/${encodeURIComponent(claims.documentId)}?${query.toString()}`;
  },
});
