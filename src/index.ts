import type { Core } from '@strapi/strapi';
import { locales } from '@union-comms/kit';
import { applyAdminView } from './admin-view';
import { ensureFirstAdmin } from './bootstrap/admin-user';
import { ensureLocales } from './bootstrap/locales';
import { ensurePublicReadPermissions } from './bootstrap/permissions';
import { closeSelfRegistrationOnce } from './bootstrap/registration';
import { drainDatabase } from './database/drain';
import { registerKnownTotals, scopeCoreFinds } from './database/known-totals';
import { registerReadsWithoutTransaction } from './database/read-transactions';
import { registerBatchedAssociations } from './graphql/batched-associations';
import { registerPlainFieldResolvers } from './graphql/plain-field-resolvers';
import { fallbackResponseHeaders, registerLocaleFallback } from './i18n/fallback';
import { registerGraphqlQueryGuard } from './middlewares/graphql-query-guard';
import { registerQueryGuard } from './middlewares/query-guard';
import { registerCompiledOutputSanitizer } from './privacy/compiled-output';
import { registerOutputSanitizer } from './privacy/output-sanitizer';
import { memoisePermissions } from './privacy/permission-memo';
import { registerPublicReadRule } from './privacy/public-reads';
import { seedDemoContent } from './seed';
import { registerDocumentValidation } from './validation/documents';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentValidation(strapi);
    registerPublicReadRule(strapi);
    registerOutputSanitizer(strapi);
    registerCompiledOutputSanitizer(strapi);
    registerQueryGuard(strapi);
    registerLocaleFallback(strapi);
    strapi.server.api('content-api').use(fallbackResponseHeaders(strapi));
    registerGraphqlQueryGuard(strapi);
    registerBatchedAssociations(strapi);
    registerPlainFieldResolvers(strapi);
    registerReadsWithoutTransaction(strapi);
    registerKnownTotals(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    memoisePermissions(strapi);
    scopeCoreFinds(strapi);
    await ensureLocales(strapi);
    // The fallback chains (config/locales.ts) name only locales the CMS has, without cycles.
    await locales(strapi).checkFallback();
    await ensurePublicReadPermissions(strapi);
    await closeSelfRegistrationOnce(strapi);
    await ensureFirstAdmin(strapi);
    await applyAdminView(strapi);
    if (process.env.SEED_DEMO_CONTENT === 'true') {
      const report = await seedDemoContent(strapi);
      strapi.log.info(`Demo content: ${report.created} documents created, ${report.published} published.`);
    }
  },

  /** Before Strapi closes the pool: let the work that writes started without awaiting it finish. */
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await drainDatabase(strapi);
  },
};
