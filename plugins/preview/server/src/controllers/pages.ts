import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { cacheHints } from '@union-comms/kit';
import { keyOfPath } from '../utils/plugin-config';
import { getService } from '../utils/get-service';
import { previewSecret } from '../utils/secret';
import { verifyPreviewToken } from '../utils/token';
import { RELOAD_SCRIPT_HASH } from '../services/pages';
import { validatePageQuery } from '../validation/page-query';

/**
 * The page's own policy, stricter than the app's: no script but the reload listener, no
 * requests but images, framed by the admin (same origin) only, no forms, no base.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "img-src 'self' https: data:",
  "style-src 'unsafe-inline'",
  `script-src '${RELOAD_SCRIPT_HASH}'`,
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * GET /api/preview/:type/:documentId?locale=&status=&token=. Every refusal (no token, a forged,
   * expired or other version's token, an unknown type, a version that does not exist) is the
   * same 404, so the page tells nobody without a valid token whether a draft exists.
   */
  async show(ctx: Context) {
    // Never kept by the response cache, whatever happens below.
    cacheHints(strapi).refuse(ctx.state);
    ctx.set('Cache-Control', 'no-store');
    ctx.set('X-Robots-Tag', 'noindex, nofollow');
    const query = validatePageQuery(ctx.query);
    const notFound = () => new errors.NotFoundError('No preview here: the link is wrong or has expired');

    const key = keyOfPath(String(ctx.params.type));
    const { locale, status, token } = query;
    if (!key || !token || !locale || (status !== 'draft' && status !== 'published')) throw notFound();
    const claims = verifyPreviewToken(previewSecret(strapi), token, {
      type: String(ctx.params.type),
      documentId: String(ctx.params.documentId),
      locale,
      status,
    });
    if (!claims) throw notFound();
    const page = await getService(strapi, 'pages').render(key, claims);
    if (page === null) throw notFound();

    ctx.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    ctx.set('X-Frame-Options', 'SAMEORIGIN');
    // The token is in the URL: a link followed from the page must not carry it away.
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = page;
  },
});
