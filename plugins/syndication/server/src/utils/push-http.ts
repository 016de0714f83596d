import http from 'http';
import https from 'https';
import type { SafeAgents } from './ssrf';

export interface PushRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Bytes of the answer to keep. */
  keepBytes: number;
  agents: SafeAgents;
}

export interface PushResponse {
  /** Absent when no answer came (network error, timeout, refused address). */
  statusCode: number | null;
  retryAfter: string | undefined;
  bodyStart: string;
  error: string | null;
  durationMs: number;
}

/**
 * One POST, with no redirect followed (Node's http never follows them; a 3xx is a failure),
 * a deadline on the whole exchange, and only the first bytes of the answer read.
 */
export const postOnce = (request: PushRequest): Promise<PushResponse> =>
  new Promise((resolve) => {
    const started = Date.now();
    let settled = false;
    const finish = (result: Omit<PushResponse, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ ...result, durationMs: Date.now() - started });
    };

    const url = new URL(request.url);
    const transport = url.protocol === 'https:' ? https : http;
    const body = Buffer.from(request.body, 'utf8');
    const outgoing = transport.request(url, {
      method: 'POST',
      agent: url.protocol === 'https:' ? request.agents.https : request.agents.http,
      headers: { ...request.headers, 'content-length': String(body.length) },
    });

    const deadline = setTimeout(() => {
      finish({ statusCode: null, retryAfter: undefined, bodyStart: '', error: `timeout after ${request.timeoutMs} ms` });
      outgoing.destroy();
    }, request.timeoutMs);

    outgoing.on('error', (error) => finish({ statusCode: null, retryAfter: undefined, bodyStart: '', error: error.message }));
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      const done = () => {
        const retryAfter = response.headers['retry-after'];
        finish({
          statusCode: response.statusCode ?? null,
          retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
          bodyStart: Buffer.concat(chunks).subarray(0, request.keepBytes).toString('utf8'),
          error: null,
        });
        response.destroy();
      };
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        kept += chunk.length;
        if (kept >= request.keepBytes) done();
      });
      response.on('end', done);
      response.on('error', done);
    });
    outgoing.end(body);
  });
