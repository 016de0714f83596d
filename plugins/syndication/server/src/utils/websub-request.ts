import http from 'http';
import https from 'https';
import type { SafeAgents } from './ssrf';

export interface HubRequest {
  hub: string;
  /** The form fields (`hub.mode`, `hub.topic`, `hub.callback`, ...). */
  form: Record<string, string>;
  timeoutMs: number;
  maxRedirects: number;
  allowHttp: boolean;
  agents: SafeAgents;
  userAgent: string;
}

export interface HubResponse {
  /** Null when no answer came (network error, timeout, refused address). */
  statusCode: number | null;
  error: string | null;
  /** The first bytes of the hub's answer (a refusal usually says why). */
  bodyStart: string;
  /** The hub's URL after its permanent redirects (301/308, websub.rocks 204): where to ask next time. */
  permanentHub: string;
}

const KEEP_BYTES = 500;

/**
 * A subscription request (WebSub §5.1): a form-encoded POST to the hub through the SSRF-safe
 * agents, one deadline for the whole exchange. A hub's redirect is followed with the same POST
 * (websub.rocks 203 and 204: the request is repeated at the new address, as 307/308 say and as
 * hubs answering 301/302 to a POST mean); only a permanent one moves the hub for later requests.
 */
export const postToHub = (request: HubRequest): Promise<HubResponse> =>
  new Promise((resolve) => {
    let settled = false;
    let current: http.ClientRequest | null = null;
    let permanentHub = request.hub;
    let temporaryHop = false;
    const body = Buffer.from(new URLSearchParams(request.form).toString(), 'utf8');
    const finish = (result: Omit<HubResponse, 'permanentHub'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      current?.destroy();
      resolve({ ...result, permanentHub });
    };
    const fail = (error: string, statusCode: number | null = null) => finish({ statusCode, error, bodyStart: '' });
    const deadline = setTimeout(() => fail(`timeout after ${request.timeoutMs} ms`), request.timeoutMs);

    const post = (target: string, hops: number): void => {
      let url: URL;
      try {
        url = new URL(target);
      } catch {
        fail(`not a URL: ${target}`);
        return;
      }
      if (url.protocol !== 'https:' && !(request.allowHttp && url.protocol === 'http:')) {
        fail(`${url.protocol} is not allowed for hubs (https${request.allowHttp ? ' or http' : ''} only)`);
        return;
      }
      const transport = url.protocol === 'https:' ? https : http;
      const outgoing = transport.request(url, {
        method: 'POST',
        agent: url.protocol === 'https:' ? request.agents.https : request.agents.http,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': String(body.length),
          'user-agent': request.userAgent,
        },
      });
      current = outgoing;
      outgoing.on('error', (error) => fail(error.message));
      outgoing.on('response', (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          response.resume();
          const location = response.headers.location;
          if (!location) return fail(`redirect (${status}) without a Location`, status);
          if (hops >= request.maxRedirects) return fail(`more than ${request.maxRedirects} redirects`, status);
          const next = new URL(location, url).href;
          if (status === 301 || status === 308) {
            if (!temporaryHop) permanentHub = next;
          } else temporaryHop = true;
          return post(next, hops + 1);
        }
        const chunks: Buffer[] = [];
        let kept = 0;
        const done = () =>
          finish({
            statusCode: status,
            error: status >= 200 && status < 300 ? null : `the hub answered ${status}`,
            bodyStart: Buffer.concat(chunks).subarray(0, KEEP_BYTES).toString('utf8'),
          });
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          kept += chunk.length;
          if (kept >= KEEP_BYTES) done();
        });
        response.on('end', done);
        response.on('error', done);
      });
      outgoing.end(body);
    };
    post(request.hub, 0);
  });
