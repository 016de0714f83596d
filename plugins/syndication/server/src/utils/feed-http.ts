import http from 'http';
import https from 'https';
import type { Readable } from 'stream';
import { TextDecoder } from 'util';
import zlib from 'zlib';
import type { SafeAgents } from './ssrf';

/**
 * One conditional GET of a partner's feed through the SSRF-safe agents: `If-None-Match` /
 * `If-Modified-Since` from the last answer, a deadline on the whole exchange (redirects and
 * body included), at most `maxBytes` read (after decompression: a small gzip cannot unpack
 * into gigabytes), redirects followed up to `maxRedirects`, each hop through the same agents.
 */
export interface FeedRequest {
  url: string;
  etag: string | null;
  lastModified: string | null;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** http:// allowed (tests, private networks); https only otherwise, redirects included. */
  allowHttp: boolean;
  agents: SafeAgents;
  userAgent: string;
}

interface Caching {
  /** `Retry-After` as written. */
  retryAfter: string | undefined;
  /** `Cache-Control: max-age` in seconds (`no-store`/`no-cache` count as 0). */
  maxAgeSeconds: number | null;
}

export type FeedResponse =
  | ({
      kind: 'ok';
      statusCode: number;
      text: string;
      contentType: string | undefined;
      etag: string | null;
      lastModified: string | null;
      url: string;
      /** The `Link` header(s), for WebSub discovery (services/websub-subscriber). */
      link: string | null;
      /** The URL after the permanent redirects only, up to the first temporary one (WebSub topic, websub.rocks 201/202). */
      permanentUrl: string;
    } & Caching)
  | ({ kind: 'not-modified'; statusCode: 304 } & Caching)
  | ({ kind: 'failed'; statusCode: number | null; error: string } & Caching);

const ACCEPT =
  'application/feed+json, application/atom+xml, application/rss+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, application/json;q=0.7, */*;q=0.1';

const header = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

const maxAgeOf = (cacheControl: string | undefined): number | null => {
  if (!cacheControl) return null;
  if (/(^|,)\s*(no-store|no-cache)\s*(,|$)/i.test(cacheControl)) return 0;
  const match = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(cacheControl);
  return match ? Number(match[1]) : null;
};

/** The charset of the answer: its Content-Type, else the XML declaration, else UTF-8 (XML's and JSON's default). */
export const decode = (bytes: Buffer, contentType: string | undefined): string => {
  const declared =
    /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '')?.[1] ??
    /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(bytes.subarray(0, 200).toString('latin1'))?.[1] ??
    'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared.toLowerCase());
  } catch {
    throw new Error(`unknown charset "${declared}"`);
  }
  return decoder.decode(bytes);
};

const decompressor = (encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null => {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
};

export const fetchFeed = (request: FeedRequest): Promise<FeedResponse> =>
  new Promise((resolve) => {
    let settled = false;
    let current: http.ClientRequest | null = null;
    const noCaching: Caching = { retryAfter: undefined, maxAgeSeconds: null };
    const finish = (response: FeedResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      current?.destroy();
      resolve(response);
    };
    const fail = (error: string, statusCode: number | null = null, caching: Caching = noCaching) => finish({ kind: 'failed', statusCode, error, ...caching });
    const deadline = setTimeout(() => fail(`timeout after ${request.timeoutMs} ms`), request.timeoutMs);

    let permanentUrl = request.url;
    let temporaryHop = false;
    const get = (target: string, hops: number): void => {
      let url: URL;
      try {
        url = new URL(target);
      } catch {
        fail(`not a URL: ${target}`);
        return;
      }
      if (url.protocol !== 'https:' && !(request.allowHttp && url.protocol === 'http:')) {
        fail(`${url.protocol} is not allowed for feeds (https${request.allowHttp ? ' or http' : ''} only)`);
        return;
      }
      if (url.username || url.password) {
        fail('feed URLs with credentials are refused');
        return;
      }
      const headers: Record<string, string> = { accept: ACCEPT, 'accept-encoding': 'gzip, deflate, br', 'user-agent': request.userAgent };
      if (request.etag) headers['if-none-match'] = request.etag;
      if (request.lastModified) headers['if-modified-since'] = request.lastModified;
      const transport = url.protocol === 'https:' ? https : http;
      const outgoing = transport.get(url, { agent: url.protocol === 'https:' ? request.agents.https : request.agents.http, headers });
      current = outgoing;
      outgoing.on('error', (error) => fail(error.message));
      outgoing.on('response', (response) => {
        const status = response.statusCode ?? 0;
        const caching: Caching = { retryAfter: header(response.headers['retry-after']), maxAgeSeconds: maxAgeOf(header(response.headers['cache-control'])) };
        if (status >= 300 && status < 400 && status !== 304) {
          response.resume();
          const location = header(response.headers.location);
          if (!location) return fail(`redirect (${status}) without a Location`, status, caching);
          if (hops >= request.maxRedirects) return fail(`more than ${request.maxRedirects} redirects`, status, caching);
          const next = new URL(location, url).href;
          if (status === 301 || status === 308) {
            if (!temporaryHop) permanentUrl = next;
          } else temporaryHop = true;
          return get(next, hops + 1);
        }
        if (status === 304) {
          response.resume();
          return finish({ kind: 'not-modified', statusCode: 304, ...caching });
        }
        if (status < 200 || status >= 300) {
          response.resume();
          return fail(`the feed answered ${status}`, status, caching);
        }
        const declaredLength = Number(header(response.headers['content-length']));
        const encoding = header(response.headers['content-encoding']);
        if (!encoding && Number.isFinite(declaredLength) && declaredLength > request.maxBytes) {
          response.resume();
          return fail(`the feed is ${declaredLength} bytes, more than the ${request.maxBytes} allowed (feeds.maxBytes)`, status, caching);
        }
        const unpack = decompressor(encoding);
        if (encoding && !unpack && encoding.trim().toLowerCase() !== 'identity') {
          response.resume();
          return fail(`unsupported content-encoding "${encoding}"`, status, caching);
        }
        const body: Readable = unpack ? response.pipe(unpack) : response;
        const chunks: Buffer[] = [];
        let size = 0;
        body.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > request.maxBytes) {
            body.destroy();
            fail(`the feed is larger than the ${request.maxBytes} bytes allowed (feeds.maxBytes)`, status, caching);
            return;
          }
          chunks.push(chunk);
        });
        body.on('error', (error) => fail(`reading the feed failed: ${error.message}`, status, caching));
        response.on('error', (error) => fail(`reading the feed failed: ${error.message}`, status, caching));
        body.on('end', () => {
          const contentType = header(response.headers['content-type']);
          let text: string;
          try {
            text = decode(Buffer.concat(chunks), contentType);
          } catch (error) {
            return fail((error as Error).message, status, caching);
          }
          finish({
            kind: 'ok',
            statusCode: status,
            text,
            contentType,
            etag: header(response.headers.etag) ?? null,
            lastModified: header(response.headers['last-modified']) ?? null,
            url: url.href,
            link: header(response.headers.link) ?? null,
            permanentUrl,
            ...caching,
          });
        });
      });
    };
    get(request.url, 0);
  });
