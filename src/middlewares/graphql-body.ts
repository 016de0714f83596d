import type { Core } from '@strapi/strapi';
import { negotiatedGraphqlType } from '@union-comms/kit';
import type { Context, Next } from 'koa';
import bodyParser from 'koa-bodyparser';
import { exceedsDepth, MAX_JSON_DEPTH } from '../graphql/json-depth';

/**
 * Before anything else reads a GraphQL request (the response cache, Apollo): a request whose
 * JSON nests deeper than any real one is answered 400 here, before anything walks it
 * recursively (Apollo's variable coercion, the NUL scan, a serialiser); every GraphQL answer
 * varies with Accept (Apollo answers `application/graphql-response+json` or
 * `application/json`). Answers are made safe to embed in a `<script>` by Apollo's
 * `stringifyResult` (config/plugins.ts).
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const endpoint = strapi.plugin('graphql') ? (strapi.plugin('graphql').config('endpoint') as string) : null;
  // Strapi's body parser leaves GraphQL requests to the GraphQL route, which parses them with
  // koa-bodyparser's defaults; the same parser reads them here (the route then skips parsing).
  const parse = bodyParser();

  const documentsOf = async (ctx: Context): Promise<unknown[]> => {
    if (ctx.method === 'POST') {
      if (ctx.request.body === undefined) await parse(ctx, async () => undefined);
      return [ctx.request.body];
    }
    // GET queries carry their variables and extensions as JSON in the query string.
    const documents: unknown[] = [];
    for (const name of ['variables', 'extensions']) {
      const text = ctx.query[name];
      if (typeof text !== 'string') continue;
      try {
        documents.push(JSON.parse(text));
      } catch {
        // Not JSON: Apollo answers that itself.
      }
    }
    return documents;
  };

  return async (ctx: Context, next: Next) => {
    if (endpoint === null || ctx.path !== endpoint) return next();
    if ((await documentsOf(ctx)).some((document) => exceedsDepth(document, MAX_JSON_DEPTH))) {
      ctx.status = 400;
      ctx.type = negotiatedGraphqlType(ctx.get('accept')) ?? 'application/json; charset=utf-8';
      ctx.body = JSON.stringify({
        errors: [{ message: `The request's JSON is nested more than ${MAX_JSON_DEPTH} levels deep`, extensions: { code: 'BAD_USER_INPUT' } }],
      });
      return;
    }
    await next();
    ctx.vary('Accept');
  };
};
