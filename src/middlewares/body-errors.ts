import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { invalid } from '@union-comms/kit';
import type { Context, Next } from 'koa';

type ParseError = Error & { status?: unknown; statusCode?: unknown; httpCode?: unknown; expose?: unknown };

const statusOf = (error: ParseError): number | undefined => {
  for (const status of [error.status, error.statusCode, error.httpCode]) {
    if (typeof status === 'number') return status;
  }
  return undefined;
};

const kindOf = (ctx: Context): string => {
  if (ctx.is('multipart')) return 'multipart form data';
  if (ctx.is('urlencoded')) return 'form data';
  if (ctx.is('json', '+json')) return 'JSON';
  return 'text';
};

/**
 * What Strapi's body parser (`strapi::body`: koa-body, with co-body for JSON, forms and text and
 * formidable for multipart) does with a body it cannot read, as its `onError` option.
 *
 * koa-body rethrows the parser's error, and Strapi answers every error that is not its own
 * with a 500: formidable's (a broken multipart boundary, a body that ends mid-part, no boundary
 * at all) reach any POST route that way, before authentication. A body that cannot be read is
 * the client's error: a 400 in Strapi's shape (a 413 when it is too large), with the parser's
 * message only when it is meant for clients (where JSON breaks, an unsupported charset), never
 * formidable's internals.
 */
export const refuseUnreadableBody = (error: Error, ctx: Context): never => {
  // Strapi answers a file over the upload size limit itself (413 "FileTooBig"), by this message.
  if (error.message.includes('maxFileSize') && error.message.includes('exceeded')) throw error;
  const parseError = error as ParseError;
  if (statusOf(parseError) === 413) throw new errors.PayloadTooLargeError('The request body is too large', { source: 'body' });
  // JSON.parse says where the JSON breaks; http-errors mark the messages meant for clients.
  const reason = (error instanceof SyntaxError || parseError.expose === true) && error.message ? `: ${error.message}` : '';
  return invalid(`The request body is not valid ${kindOf(ctx)}${reason}`);
};

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** Whether the request carries any bytes of body. */
const hasContent = (ctx: Context): boolean => ctx.get('transfer-encoding') !== '' || Number(ctx.get('content-length') || 0) > 0;

/**
 * Right after `strapi::body`: a request the parser left without a body. Some of Strapi's own
 * controllers read `ctx.request.body` without a default (users-permissions' `POST /api/auth/local`
 * answers a bodiless request with a 500). An empty body is an empty object; a body of a type the
 * parser does not read (XML, octet-stream, a multipart type with an empty boundary) is refused.
 * GraphQL requests are left to the GraphQL route, which parses them itself.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const graphqlEndpoint = strapi.plugin('graphql') ? (strapi.plugin('graphql').config('endpoint') as string) : null;
  return async (ctx: Context, next: Next) => {
    if (METHODS_WITH_BODY.has(ctx.method) && ctx.request.body === undefined && ctx.path !== graphqlEndpoint) {
      if (hasContent(ctx)) {
        invalid('The request body cannot be read: send JSON, form data or multipart form data, with a Content-Type that says which');
      }
      ctx.request.body = {};
    }
    await next();
  };
};
